/**
 * Local mode's stand-in for the SQS FIFO queue between the event hook endpoint and its
 * consumer: messages are delivered to the same consumer handler as SQS events, failed ones
 * are redelivered up to a limit and then parked as dead letters, and duplicates within the
 * FIFO deduplication window are dropped.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { EventQueue, QueueMessage } from '../../lambdas/event-hook/event-queue';

interface Pending {
  message: QueueMessage;
  messageId: string;
  receiveCount: number;
  sentAt: number;
  visibleAt: number;
}

export interface InProcessQueueOptions {
  maxReceiveCount?: number;
  retryDelayMs?: number;
  deduplicationWindowMs?: number;
  onDeadLetter?: (message: QueueMessage) => void;
}

export class InProcessQueue implements EventQueue {
  private readonly pending: Pending[] = [];
  private readonly seen = new Map<string, number>();
  readonly deadLetters: QueueMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly consume: (event: SQSEvent) => Promise<SQSBatchResponse>,
    private readonly options: InProcessQueueOptions = {},
  ) {}

  enqueue(messages: readonly QueueMessage[]): Promise<void> {
    const now = Date.now();
    const window = this.options.deduplicationWindowMs ?? 5 * 60_000;
    this.forgetBefore(now - window);
    for (const message of messages) {
      const seenAt = this.seen.get(message.deduplicationId);
      if (seenAt !== undefined && now - seenAt < window) continue;
      this.seen.set(message.deduplicationId, now);
      this.pending.push({ message, messageId: randomUUID(), receiveCount: 0, sentAt: now, visibleAt: now });
    }
    this.schedule(0);
    return Promise.resolve();
  }

  /** Ids seen before the window began can no longer suppress anything (Map order is insertion order). */
  private forgetBefore(cutoff: number): void {
    for (const [deduplicationId, seenAt] of this.seen) {
      if (seenAt >= cutoff) break;
      this.seen.delete(deduplicationId);
    }
  }

  /** Resolves once every message has been consumed or dead-lettered. */
  drain(): Promise<void> {
    if (this.pending.length === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.deliver().finally(() => {
        this.running = undefined;
        if (this.pending.length > 0) this.schedule(Math.max(0, Math.min(...this.pending.map((item) => item.visibleAt)) - Date.now()));
        else for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }, delayMs);
    this.timer.unref();
  }

  private async deliver(): Promise<void> {
    const now = Date.now();
    // FIFO: a message waiting for a retry holds back the later messages of its group.
    const blockedGroups = new Set(this.pending.filter((item) => item.visibleAt > now).map((item) => item.message.groupId));
    const batch = this.pending.filter((item) => item.visibleAt <= now && !blockedGroups.has(item.message.groupId)).slice(0, 10);
    if (batch.length === 0) return;
    for (const item of batch) item.receiveCount += 1;
    const response = await this.consume({ Records: batch.map((item) => this.recordOf(item)) }).catch(() => ({
      batchItemFailures: batch.map((item) => ({ itemIdentifier: item.messageId })),
    }));
    const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    for (const item of batch) {
      const index = this.pending.indexOf(item);
      if (!failed.has(item.messageId)) {
        this.pending.splice(index, 1);
      } else if (item.receiveCount >= (this.options.maxReceiveCount ?? 3)) {
        this.pending.splice(index, 1);
        this.deadLetters.push(item.message);
        this.options.onDeadLetter?.(item.message);
      } else {
        item.visibleAt = Date.now() + (this.options.retryDelayMs ?? 1000);
      }
    }
  }

  private recordOf(item: Pending): SQSRecord {
    const body = JSON.stringify(item.message.body);
    return {
      messageId: item.messageId,
      receiptHandle: item.messageId,
      body,
      attributes: {
        ApproximateReceiveCount: String(item.receiveCount),
        SentTimestamp: String(item.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(item.sentAt),
        MessageGroupId: item.message.groupId,
        MessageDeduplicationId: item.message.deduplicationId,
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:okta-hooks-events.fifo',
      awsRegion: 'local',
    };
  }
}
