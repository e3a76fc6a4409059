/**
 * Per-call state shared by the middlewares and the handler, keyed by the event object so
 * nothing is added to the Lambda context or the event itself.
 */
import type { Deadline } from './deadline';
import type { HttpRequest } from './http';
import type { HookMetricName } from './observability';

export interface Invocation {
  /** `performance.now()` when the first middleware ran. */
  readonly startedAt: number;
  readonly deadline: Deadline;
  /** Set once the event has been read; absent when reading it failed. */
  http?: HttpRequest;
  /** Count metrics to emit when the call ends, e.g. `DeadlineHit` and `FailPolicyApplied`. */
  readonly events: HookMetricName[];
  /** Facts the hook noted (e.g. `lookup: "hit"`), for the summary log line and `debugContext`. */
  readonly notes: Record<string, string | number | boolean>;
}

const invocations = new WeakMap<object, Invocation>();

export const beginInvocation = (event: object, invocation: Invocation): Invocation => {
  invocations.set(event, invocation);
  return invocation;
};

export const invocationOf = (event: object): Invocation => {
  const invocation = invocations.get(event);
  if (!invocation) throw new Error('no invocation state: the httpBoundary middleware must run first');
  return invocation;
};

/** The HTTP request of a call whose event was read successfully. */
export const httpRequestOf = (event: object): HttpRequest => {
  const { http } = invocationOf(event);
  if (!http) throw new Error('the request was not read: the httpBoundary middleware must run first');
  return http;
};
