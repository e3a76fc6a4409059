/**
 * Rejects calls from outside the configured source addresses with a 403, and calls that do
 * not prove they come from Okta with a 401; neither says why (the reason goes to the log and
 * the SourceRefused or AuthFailure metric only).
 */
import type { MiddlewareObj } from '@middy/core';
import { HttpProblem, sourceNotAllowed, type HttpEvent, type HttpResult } from '../http';
import type { InlineHookRuntime } from '../inline-hook-runtime';
import { httpRequestOf, invocationOf } from '../invocation';
import { HookMetric } from '../observability';

export const authenticate = (runtime: InlineHookRuntime): MiddlewareObj<HttpEvent, HttpResult> => ({
  before: async (request) => {
    const invocation = invocationOf(request.event);
    const { deadline } = invocation;
    const { headers, sourceIp } = httpRequestOf(request.event);
    // The network allowlist comes first: a caller outside it never gets to try a secret.
    if (runtime.sourceAllowlist && !runtime.sourceAllowlist.allows(sourceIp)) {
      // Recorded on the invocation: counted as a metric and named in the summary log line.
      invocation.events.push(HookMetric.sourceRefused);
      runtime.logger.warn('source address not allowed', { sourceIp: sourceIp ?? 'unknown' });
      throw sourceNotAllowed();
    }
    const result = await deadline.race(runtime.authenticator.authenticate(headers, deadline.signal));
    if (result.ok) return;
    invocation.events.push(HookMetric.authFailure);
    runtime.logger.warn('authentication failed', { reason: result.reason });
    const challenge = runtime.authenticator.challenge;
    throw new HttpProblem(401, 'Unauthorized', [], challenge ? { 'www-authenticate': challenge } : {});
  },
});
