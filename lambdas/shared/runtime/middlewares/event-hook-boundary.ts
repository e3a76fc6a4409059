/**
 * The event hook endpoint's HTTP boundary: reads the event, starts the deadline, and turns
 * every failure into an answer Okta understands: 4xx (not retried) for calls that will never
 * succeed, 503 (retried once) when the delivery could not be queued.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { EventHookSettings } from '../../config/hook-settings';
import { loggableError } from '../../stores/dependency-failure';
import type { SourceAllowlist } from '../source-allowlist';
import type { Authenticator } from '../auth/authenticator';
import { startDeadline } from '../deadline';
import { emptyResult, HttpProblem, jsonResult, problemResult, readHttpRequest, type HttpEvent, type HttpResult } from '../http';
import { beginInvocation, invocationOf } from '../invocation';
import { countMetric, HookMetric, latencyMetric } from '../observability';

export interface EventHookRuntime {
  settings: EventHookSettings;
  deadlineMs: number;
  authenticator: Authenticator;
  /** Absent when any source may call. */
  sourceAllowlist?: SourceAllowlist;
  logger: Logger;
  metrics: Metrics;
}

export type EventHookOutcome =
  | { kind: 'verified'; body: { verification: string } }
  | { kind: 'accepted'; delivery: { deliveryEventId: string; events: number } };

export const eventHookResult = (runtime: EventHookRuntime, outcome: EventHookOutcome): HttpResult => {
  if (outcome.kind === 'verified') {
    runtime.logger.info('event hook verified');
    return jsonResult(200, JSON.stringify(outcome.body));
  }
  runtime.logger.appendKeys({ eventId: outcome.delivery.deliveryEventId });
  runtime.metrics.addMetric('EventsQueued', 'Count', outcome.delivery.events);
  return emptyResult(200);
};

const retryLater = () =>
  jsonResult(503, JSON.stringify({ error: { errorSummary: 'The delivery could not be queued; Okta retries it once.' } }));

export const eventHookBoundary = (runtime: EventHookRuntime): MiddlewareObj<HttpEvent, HttpResult> => {
  const finish = (event: HttpEvent, response: HttpResult | undefined) => {
    const invocation = invocationOf(event);
    invocation.deadline.dispose();
    const durationMs = performance.now() - invocation.startedAt;
    latencyMetric(runtime.metrics, durationMs);
    for (const name of invocation.events) countMetric(runtime.metrics, name);
    runtime.logger.info('event hook answered', { status: response?.statusCode, events: invocation.events, durationMs });
  };
  return {
    before: (request) => {
      const receivedAtEpochMs = (request.event.requestContext as Partial<HttpEvent['requestContext']> | undefined)?.timeEpoch;
      const invocation = beginInvocation(request.event, {
        startedAt: performance.now(),
        deadline: startDeadline({
          budgetMs: runtime.deadlineMs,
          ...(typeof receivedAtEpochMs === 'number' ? { receivedAtEpochMs } : {}),
        }),
        events: [],
        notes: {},
      });
      invocation.http = readHttpRequest(request.event, runtime.settings.maxRequestBytes);
    },
    after: (request) => finish(request.event, request.response ?? undefined),
    onError: (request) => {
      const { error } = request;
      const invocation = invocationOf(request.event);
      if (error instanceof HttpProblem) {
        invocation.events.push(
          error.status === 401 ? HookMetric.authFailure : error.status === 403 ? HookMetric.sourceRefused : HookMetric.badRequest,
        );
        const reason = (error as HttpProblem & { reason?: unknown }).reason;
        runtime.logger.warn('event hook call refused', { status: error.status, problem: error.summary, ...(reason ? { reason } : {}) });
        request.response = problemResult(error);
      } else {
        invocation.events.push(HookMetric.dependencyFailure);
        runtime.logger.error('event hook delivery not queued', { failure: loggableError(error) });
        request.response = retryLater();
      }
      finish(request.event, request.response);
    },
  };
};
