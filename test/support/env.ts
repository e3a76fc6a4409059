// Node 20 runs the tests; the SDK's notice about Node 22 is not a test signal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// No test may reach AWS: fixed fake credentials and a region keep SDK clients offline-capable.
process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test-access-key';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test-secret-key';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'OktaHooksTest';
