/**
 * The middleware stack every inline hook uses, in order: Powertools logger context and
 * metrics outermost (so they see every outcome), then our HTTP boundary, then authentication.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { HttpEvent, HttpResult } from './http';
import type { InlineHookRuntime } from './inline-hook-runtime';
import { authenticate } from './middlewares/authenticate';
import { httpBoundary } from './middlewares/http-boundary';

export const inlineHookMiddlewares = (runtime: InlineHookRuntime): MiddlewareObj<HttpEvent, HttpResult>[] => [
  // logEvent is pinned off: POWERTOOLS_LOGGER_LOG_EVENT must never log a body with a password or OTP in it.
  injectLambdaContext(runtime.logger, { resetKeys: true, logEvent: false }),
  logMetrics(runtime.metrics, { captureColdStartMetric: true }),
  httpBoundary(runtime),
  authenticate(runtime),
];
