/**
 * The event hook endpoint's logic (contract §9): the one-time verification GET, and
 * deliveries, which are validated and queued whole before the 200 goes back.
 */
import {
  eventHookDeliverySchema,
  VERIFICATION_CHALLENGE_HEADER,
  verificationAnswer,
} from '../shared/okta/event-hooks';
import type { EventHookSettings } from '../shared/config/hook-settings';
import { describePayloadIssues } from '../shared/okta/payload-issues';
import type { Authenticator } from '../shared/runtime/auth/authenticator';
import type { SourceAllowlist } from '../shared/runtime/source-allowlist';
import type { EventHookOutcome } from '../shared/runtime/middlewares/event-hook-boundary';
import { HttpProblem, type HttpRequest } from '../shared/runtime/http';
import { parseJsonBody } from '../shared/runtime/request-parser';
import { queueMessagesOf, type EventQueue } from './event-queue';

/** Challenges are opaque tokens; anything else is not echoed back. */
const challengePattern = /^[A-Za-z0-9+/=_.~-]{1,512}$/;

export const verificationOf = (http: HttpRequest): { verification: string } => {
  const challenge = http.headers[VERIFICATION_CHALLENGE_HEADER];
  if (challenge === undefined || !challengePattern.test(challenge)) {
    throw new HttpProblem(400, `A verification GET carries a ${VERIFICATION_CHALLENGE_HEADER} header.`, [
      {
        errorSummary: 'Missing or malformed verification challenge',
        reason: 'INVALID_CHALLENGE',
        locationType: 'header',
        location: VERIFICATION_CHALLENGE_HEADER,
      },
    ]);
  }
  return verificationAnswer(challenge);
};

export interface AcceptedDelivery {
  deliveryEventId: string;
  events: number;
}

export const acceptDelivery = async (http: HttpRequest, queue: EventQueue, signal: AbortSignal): Promise<AcceptedDelivery> => {
  const result = eventHookDeliverySchema.safeParse(parseJsonBody(http));
  if (!result.success) {
    const issues = describePayloadIssues(result.error.issues);
    throw new HttpProblem(
      400,
      `The event hook delivery is not valid: ${issues.map((issue) => `${issue.location} ${issue.reason}`).join('; ')}.`,
      issues.map((issue) => ({
        errorSummary: `${issue.location} ${issue.reason}`,
        reason: 'INVALID_REQUEST',
        locationType: 'body',
        location: issue.location,
      })),
    );
  }
  const messages = queueMessagesOf(result.data);
  if (messages.length > 0) await queue.enqueue(messages, signal);
  return { deliveryEventId: result.data.eventId, events: messages.length };
};

export interface EventHookDependencies {
  authenticator: Authenticator;
  queue: EventQueue;
  settings: Pick<EventHookSettings, 'authenticateVerification'>;
  /** Absent when any source may call. */
  sourceAllowlist?: SourceAllowlist;
}

const requireAuthentication = async (http: HttpRequest, authenticator: Authenticator, signal: AbortSignal) => {
  const result = await authenticator.authenticate(http.headers, signal);
  if (!result.ok) throw new UnauthenticatedEventHookCall(result.reason);
};

/** The caller did not prove it is Okta; the reason is for the log only. */
export class UnauthenticatedEventHookCall extends HttpProblem {
  constructor(readonly reason: string) {
    super(401, 'Unauthorized');
  }
}

/** The caller's address is outside `network.allowedSourceCidrs`; the address is for the log only. */
export class SourceNotAllowed extends HttpProblem {
  constructor(readonly reason: string) {
    super(403, 'Forbidden');
  }
}

/** GET: verification; POST: a delivery; anything else: 405. */
export const answerEventHookCall = async (
  http: HttpRequest,
  { authenticator, queue, settings, sourceAllowlist }: EventHookDependencies,
  signal: AbortSignal,
): Promise<EventHookOutcome> => {
  // Before the secret is read, so a caller outside the allowlist never gets to try one.
  if (sourceAllowlist && !sourceAllowlist.allows(http.sourceIp)) throw new SourceNotAllowed(http.sourceIp ?? 'unknown');
  if (http.method === 'GET') {
    if (settings.authenticateVerification) await requireAuthentication(http, authenticator, signal);
    return { kind: 'verified', body: verificationOf(http) };
  }
  if (http.method === 'POST') {
    await requireAuthentication(http, authenticator, signal);
    return { kind: 'accepted', delivery: await acceptDelivery(http, queue, signal) };
  }
  throw new HttpProblem(405, 'The event hook endpoint answers GET (verification) and POST (deliveries).', [], {
    allow: 'GET, POST',
  });
};
