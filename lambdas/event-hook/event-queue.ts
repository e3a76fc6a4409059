/**
 * What the receiver hands to the consumer: one message per event, so a failing event is
 * retried alone. Messages of one user share a group, so a FIFO queue keeps their order.
 */
import { eventsInPublishedOrder, type EventHookDelivery, type LogEvent } from '../shared/okta/event-hooks';

export interface QueuedEvent {
  /** The delivery's `eventId`, for tracing. */
  deliveryEventId: string;
  event: LogEvent;
}

export interface QueueMessage {
  body: QueuedEvent;
  /** Events about one user stay in order. */
  groupId: string;
  /** Okta's redelivery of the same event is dropped by the queue within its window. */
  deduplicationId: string;
}

export interface EventQueue {
  /** Throws when the events could not all be queued; Okta then retries the delivery once. */
  enqueue(messages: readonly QueueMessage[], signal: AbortSignal): Promise<void>;
}

/** The user an event is about: its first User target, else its actor. */
export const subjectOf = (event: LogEvent): string =>
  event.target?.find((target) => target.type === 'User' && target.id)?.id ?? event.actor?.id ?? 'org';

export const queueMessagesOf = (delivery: EventHookDelivery): QueueMessage[] =>
  eventsInPublishedOrder(delivery).map((event) => ({
    body: { deliveryEventId: delivery.eventId, event },
    groupId: subjectOf(event),
    deduplicationId: event.uuid,
  }));
