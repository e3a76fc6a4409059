/** Environment variables the functions and local mode read. The stack sets the deployed ones. */
export const EnvironmentVariable = {
  /** The service configuration as JSON; esbuild bakes it into each bundle at synth. */
  config: 'OKTA_HOOKS_CONFIG',
  /** ARN or name of the Secrets Manager secret, or name of the SSM parameter, holding the header secret. */
  secretId: 'OKTA_HOOK_SECRET_ID',
  /** The header secret itself, for `secretSource: environment` (local mode). */
  secret: 'OKTA_HOOK_SECRET',
  /** A second accepted secret during a rotation, for `secretSource: environment`. */
  previousSecret: 'OKTA_HOOK_SECRET_PREVIOUS',
  tableName: 'HOOKS_TABLE_NAME',
  /** The SQS FIFO queue the event hook endpoint hands deliveries to. */
  eventsQueueUrl: 'EVENTS_QUEUE_URL',
  /** Local mode's telephony outbox file. */
  outboxFile: 'OKTA_HOOKS_OUTBOX_FILE',
  /** Points the DynamoDB client at a local API (dynalite) instead of AWS. */
  dynamoDbEndpoint: 'DYNAMODB_ENDPOINT',
} as const;
