/**
 * The outermost of our middlewares (inside the Powertools logger and metrics ones): starts
 * the deadline, reads the event, and makes sure every call ends with a well-formed answer
 * and one summary log line, whatever was thrown on the way.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { DependencyFailure, loggableError } from '../../stores/dependency-failure';
import { DeadlineExceeded, startDeadline } from '../deadline';
import { failPolicyResult } from '../answer-okta';
import { HttpProblem, problemResult, readHttpRequest, type HttpEvent, type HttpResult } from '../http';
import type { InlineHookRuntime } from '../inline-hook-runtime';
import { beginInvocation, invocationOf, type Invocation } from '../invocation';
import { countMetric, HookMetric, latencyMetric } from '../observability';

const lambdaRemainingMs = (context: Context | undefined): number | undefined =>
  typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;

/** The one log line per call: what was answered and how long it took. */
const finish = (runtime: InlineHookRuntime, invocation: Invocation, response: HttpResult | undefined): void => {
  invocation.deadline.dispose();
  const durationMs = performance.now() - invocation.startedAt;
  latencyMetric(runtime.metrics, durationMs);
  for (const event of invocation.events) countMetric(runtime.metrics, event);
  runtime.logger.info('hook answered', {
    status: response?.statusCode,
    events: invocation.events,
    notes: invocation.notes,
    durationMs: Math.round(durationMs * 100) / 100,
  });
};

export const httpBoundary = (runtime: InlineHookRuntime): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: (request) => {
    const { event } = request;
    const receivedAtEpochMs = (event.requestContext as Partial<HttpEvent['requestContext']> | undefined)?.timeEpoch;
    const invocation = beginInvocation(event, {
      startedAt: performance.now(),
      deadline: startDeadline({
        budgetMs: runtime.settings.deadlineMs,
        lambdaRemainingMs: lambdaRemainingMs(request.context),
        ...(typeof receivedAtEpochMs === 'number' ? { receivedAtEpochMs } : {}),
      }),
      events: [],
      notes: {},
    });
    const http = readHttpRequest(event, runtime.settings.maxRequestBytes);
    runtime.logger.appendKeys({ apiRequestId: http.requestId });
    if (http.method !== 'POST') {
      throw new HttpProblem(405, 'Okta calls inline hooks with POST.', [], { allow: 'POST' });
    }
    invocation.http = http;
  },

  after: (request) => {
    finish(runtime, invocationOf(request.event), request.response ?? undefined);
  },

  onError: (request) => {
    const invocation = invocationOf(request.event);
    const { error } = request;
    if (error instanceof HttpProblem) {
      // Refused callers are already recorded (AuthFailure, SourceRefused) by the authentication step.
      if (error.status !== 401 && error.status !== 403) invocation.events.push(HookMetric.badRequest);
      runtime.logger.warn('request refused', { status: error.status, problem: error.summary });
      request.response = problemResult(error);
    } else {
      // Anything else (a secret store down, the deadline passed during authentication, a bug):
      // the caller still gets the hook's fail-policy answer, never a crash.
      if (error instanceof DeadlineExceeded) {
        invocation.events.push(HookMetric.deadlineHit);
        runtime.logger.warn('deadline passed before the hook could run');
      } else if (error instanceof DependencyFailure) {
        invocation.events.push(HookMetric.dependencyFailure);
        runtime.logger.warn('dependency failed before the hook could run', { failure: loggableError(error) });
      } else {
        invocation.events.push(HookMetric.internalError);
        runtime.logger.error('unexpected failure', { failure: loggableError(error) });
      }
      invocation.events.push(HookMetric.failPolicy);
      request.response = failPolicyResult(runtime, invocation);
    }
    finish(runtime, invocation, request.response);
  },
});
