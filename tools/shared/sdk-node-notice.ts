/**
 * Imported first by the command-line tools: the AWS SDK warns at load time that its releases
 * after January 2027 will need Node 22. The SDK versions here are pinned and the functions
 * deploy to Node 22 or later, so on a Node 20 workstation the notice is noise. Set the
 * variable to 'false' to see it.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
