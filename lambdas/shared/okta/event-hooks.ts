/**
 * Event hooks (contract §9): the one-time verification GET and the event deliveries.
 * Deliveries are at least once, batched and possibly out of order.
 */
import * as z from 'zod/mini';
import { lazySchema, type LazyOutput } from '../validation/lazy-schema';
import { eventHookEventType } from './hook-types';

// Built on first use, like the inline hook schemas.
const versionField = () => z.union([z.string(), z.number()]);
const nonEmptyString = () => z.string().check(z.minLength(1));
const optionalString = () => z.optional(z.nullable(z.string()));

/** The header that carries the verification challenge; header names arrive lower-cased. */
export const VERIFICATION_CHALLENGE_HEADER = 'x-okta-verification-challenge';

export interface VerificationAnswer {
  verification: string;
}

export const verificationAnswer = (challenge: string): VerificationAnswer => ({ verification: challenge });

const logEventEntitySchema = () =>
  z.looseObject({
    id: optionalString(),
    type: optionalString(),
    alternateId: optionalString(),
    displayName: optionalString(),
  });

/** One System Log `LogEvent`; only what the handlers read is required. */
export const logEventSchema = lazySchema(() =>
  z.looseObject({
    uuid: nonEmptyString(),
    published: z.string().check(
      z.refine((published) => !Number.isNaN(Date.parse(published)), 'must be an ISO-8601 date-time'),
    ),
    eventType: nonEmptyString(),
    version: z.optional(z.nullable(versionField())),
    displayMessage: optionalString(),
    severity: optionalString(),
    actor: z.optional(z.nullable(logEventEntitySchema())),
    target: z.optional(z.nullable(z.array(logEventEntitySchema()))),
    outcome: z.optional(z.nullable(z.looseObject({ result: optionalString(), reason: optionalString() }))),
    debugContext: z.optional(z.nullable(z.looseObject({ debugData: z.optional(z.nullable(z.record(z.string(), z.unknown()))) }))),
  }),
);
export type LogEvent = LazyOutput<typeof logEventSchema>;

export const eventHookDeliverySchema = lazySchema(() =>
  z.looseObject({
    eventType: z.literal(eventHookEventType),
    eventTypeVersion: z.optional(versionField()),
    /** Event hooks spell it with an `s`; the inline-hook spelling is tolerated too. */
    cloudEventsVersion: z.optional(versionField()),
    cloudEventVersion: z.optional(versionField()),
    source: optionalString(),
    eventId: nonEmptyString(),
    eventTime: optionalString(),
    contentType: optionalString(),
    data: z.looseObject({ events: z.array(logEventSchema.schema) }),
  }),
);
export type EventHookDelivery = LazyOutput<typeof eventHookDeliverySchema>;

/** Events of a delivery in `published` order; ties keep their delivery order. */
export const eventsInPublishedOrder = (delivery: EventHookDelivery): LogEvent[] =>
  delivery.data.events
    .map((event, index) => ({ event, index, at: Date.parse(event.published) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ event }) => event);
