import type { SQSEvent } from 'aws-lambda';
import type { QueueMessage, QueuedEvent } from '../../../lambdas/event-hook/event-queue';
import { InProcessQueue } from '../../../tools/local/in-process-queue';

const message = (id: string): QueueMessage => ({
  body: { deliveryEventId: 'delivery', event: { uuid: id } } as unknown as QueuedEvent,
  groupId: 'user-1',
  deduplicationId: id,
});


describe('the in-process event queue (local mode’s SQS FIFO)', () => {
  it('drops a duplicate inside the deduplication window and accepts it again after, forgetting old ids', async () => {
    const consumed: string[] = [];
    const queue = new InProcessQueue(
      (event: SQSEvent) => {
        for (const record of event.Records) consumed.push(record.attributes.MessageDeduplicationId ?? '');
        return Promise.resolve({ batchItemFailures: [] });
      },
      { deduplicationWindowMs: 50 },
    );
    await queue.enqueue([message('a'), message('b')]);
    await queue.enqueue([message('a')]);
    await queue.drain();
    expect(consumed).toEqual(['a', 'b']);

    await new Promise((resolve) => setTimeout(resolve, 80));
    await queue.enqueue([message('a')]);
    await queue.drain();
    expect(consumed).toEqual(['a', 'b', 'a']);
    // Only the id seen inside the current window is still remembered.
    expect((queue as unknown as { seen: Map<string, number> }).seen.size).toBe(1);
    queue.stop();
  });
});
