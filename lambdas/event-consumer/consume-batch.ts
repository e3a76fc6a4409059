/**
 * Processes a batch of queued events: in order, each at most once (an idempotency record per
 * event uuid), reporting only the failed ones back so only they are retried. On a FIFO queue,
 * once an event fails, the later events of the same user in the batch are handed back too,
 * so their order holds.
 */
import type { SQSBatchItemFailure, SQSRecord } from 'aws-lambda';
import type { EventHookSettings } from '../shared/config/hook-settings';
import { logEventSchema } from '../shared/okta/event-hooks';
import type { IdempotencyStore, UserLifecycleStore } from '../shared/stores/ports';
import { applyEvent, type EventResult } from './apply-event';

export const EVENT_IDEMPOTENCY_SCOPE = 'event-hook';
/** An unfinished claim outlives a crashed attempt by this much, then the retry takes over. */
const CLAIM_TTL_SECONDS = 120;

export interface ConsumerDependencies {
  store: UserLifecycleStore & IdempotencyStore;
  settings: Pick<EventHookSettings, 'handlers' | 'idempotencyTtlSeconds'>;
  now?: () => Date;
}

export type RecordOutcome =
  | { messageId: string; status: 'processed'; eventType: string; result: EventResult }
  | { messageId: string; status: 'duplicate' | 'in-progress'; eventType: string }
  | { messageId: string; status: 'failed'; reason: string }
  | { messageId: string; status: 'blocked'; groupId: string }
  | { messageId: string; status: 'malformed' };

const parseQueuedEvent = (body: string) => {
  try {
    const parsed = JSON.parse(body) as { event?: unknown };
    const result = logEventSchema.safeParse(parsed.event);
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
};

export const consumeBatch = async (
  records: readonly SQSRecord[],
  { store, settings, now }: ConsumerDependencies,
  signal: AbortSignal,
): Promise<{ batchItemFailures: SQSBatchItemFailure[]; outcomes: RecordOutcome[] }> => {
  const outcomes: RecordOutcome[] = [];
  const failedGroups = new Set<string>();

  for (const record of records) {
    const { messageId } = record;
    const groupId = record.attributes.MessageGroupId;
    if (groupId !== undefined && failedGroups.has(groupId)) {
      outcomes.push({ messageId, status: 'blocked', groupId });
      continue;
    }
    const event = parseQueuedEvent(record.body);
    if (!event) {
      // Retrying cannot fix it: acknowledge, and let the log and metric tell.
      outcomes.push({ messageId, status: 'malformed' });
      continue;
    }
    try {
      const claim = await store.claim(EVENT_IDEMPOTENCY_SCOPE, event.uuid, CLAIM_TTL_SECONDS, signal);
      if (claim.state !== 'claimed') {
        outcomes.push({ messageId, status: claim.state === 'completed' ? 'duplicate' : 'in-progress', eventType: event.eventType });
        if (claim.state === 'in-progress' && groupId !== undefined) failedGroups.add(groupId);
        continue;
      }
      let result: EventResult;
      try {
        result = await applyEvent(event, settings, store, signal, now);
      } catch (error) {
        await store.release(EVENT_IDEMPOTENCY_SCOPE, event.uuid, signal).catch(() => undefined);
        throw error;
      }
      await store.complete(EVENT_IDEMPOTENCY_SCOPE, event.uuid, { result }, settings.idempotencyTtlSeconds, signal);
      outcomes.push({ messageId, status: 'processed', eventType: event.eventType, result });
    } catch (error) {
      outcomes.push({ messageId, status: 'failed', reason: error instanceof Error ? error.name : 'unknown' });
      if (groupId !== undefined) failedGroups.add(groupId);
    }
  }

  // An event another attempt is still working on is handed back as well: it is retried later.
  const retried = new Set<RecordOutcome['status']>(['failed', 'blocked', 'in-progress']);
  return {
    batchItemFailures: outcomes.filter((outcome) => retried.has(outcome.status)).map(({ messageId }) => ({ itemIdentifier: messageId })),
    outcomes,
  };
};
