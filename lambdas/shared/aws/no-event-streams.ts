/**
 * Bundles replace `@smithy/core/event-streams` with this module (an esbuild alias in
 * lib/bundling.ts). The SDK loads the event-stream codec only for operations that stream
 * events; none of the clients these functions use (DynamoDB, Secrets Manager, SSM, SQS, SNS,
 * SMS and Voice) has one, so the codec would only be parsed at every cold start.
 */
const unsupported = (): never => {
  throw new Error('event streams are not bundled into the Okta hook functions');
};

export const EventStreamSerde = unsupported;
export const eventStreamSerdeProvider = unsupported;
