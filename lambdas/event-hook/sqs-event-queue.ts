/** The deployed queue: an SQS FIFO queue, with a dead-letter queue behind it. */
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { DependencyFailure } from '../shared/stores/dependency-failure';
import type { EventQueue, QueueMessage } from './event-queue';

const client = /* @__PURE__ */ new SQSClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 500, requestTimeout: 1500 } });

/** SQS takes at most 10 messages per batch call. */
const BATCH_SIZE = 10;
export const MAX_MESSAGE_BYTES = 256 * 1024;

export const sqsEventQueue = (queueUrl: string, sqsClient: SQSClient = client): EventQueue => ({
  async enqueue(messages: readonly QueueMessage[], signal: AbortSignal): Promise<void> {
    const entries: SendMessageBatchRequestEntry[] = messages.map((message, index) => {
      const body = JSON.stringify(message.body);
      if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES) {
        throw new DependencyFailure('SQS', `event ${message.deduplicationId} is larger than an SQS message`);
      }
      return {
        Id: String(index),
        MessageBody: body,
        MessageGroupId: message.groupId,
        MessageDeduplicationId: message.deduplicationId,
      };
    });
    for (let start = 0; start < entries.length; start += BATCH_SIZE) {
      let pending = entries.slice(start, start + BATCH_SIZE);
      // One more try for entries SQS refused in an otherwise good batch.
      for (let attempt = 0; attempt < 2 && pending.length > 0; attempt += 1) {
        let failedIds: string[];
        try {
          const output = await sqsClient.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }), {
            abortSignal: signal,
          });
          failedIds = (output.Failed ?? []).map((failure) => failure.Id ?? '');
        } catch (error) {
          throw new DependencyFailure('SQS', 'SendMessageBatch failed', { cause: error });
        }
        pending = pending.filter((entry) => failedIds.includes(entry.Id ?? ''));
      }
      if (pending.length > 0) throw new DependencyFailure('SQS', `${pending.length} events could not be queued`);
    }
  },
});
