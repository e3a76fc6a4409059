/**
 * Rejects calls that do not prove they come from Okta with a 401 that says nothing about
 * why (the reason goes to the log and the AuthFailure metric only).
 */
import type { MiddlewareObj } from '@middy/core';
import { HttpProblem, type HttpEvent, type HttpResult } from '../http';
import type { InlineHookRuntime } from '../inline-hook-runtime';
import { httpRequestOf, invocationOf } from '../invocation';
import { countMetric, HookMetric } from '../observability';

export const authenticate = (runtime: InlineHookRuntime): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: async (request) => {
    const { deadline } = invocationOf(request.event);
    const { headers } = httpRequestOf(request.event);
    const result = await deadline.race(runtime.authenticator.authenticate(headers, deadline.signal));
    if (result.ok) return;
    countMetric(runtime.metrics, HookMetric.authFailure);
    runtime.logger.warn('authentication failed', { reason: result.reason });
    const challenge = runtime.authenticator.challenge;
    throw new HttpProblem(401, 'Unauthorized', [], challenge ? { 'www-authenticate': challenge } : {});
  },
});
