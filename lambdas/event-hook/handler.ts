import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { EnvironmentVariable } from '../shared/config/environment';
import type { ServiceConfig } from '../shared/config/service-config';
import { deployedConfig, eventHookAuthenticator } from '../shared/runtime/deployed';
import type { HttpEvent, HttpResult } from '../shared/runtime/http';
import { httpRequestOf, invocationOf } from '../shared/runtime/invocation';
import { eventHookBoundary, eventHookResult, type EventHookRuntime } from '../shared/runtime/middlewares/event-hook-boundary';
import { createObservability } from '../shared/runtime/observability';
import { sourceAllowlistOf } from '../shared/runtime/source-allowlist';
import type { EventQueue } from './event-queue';
import { answerEventHookCall } from './receive-delivery';
import { sqsEventQueue } from './sqs-event-queue';

export const createEventHookHandler = (runtime: EventHookRuntime, queue: EventQueue) =>
  middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(runtime.logger, { resetKeys: true, logEvent: false }))
    .use(logMetrics(runtime.metrics))
    .use(eventHookBoundary(runtime))
    .handler(async (event) => {
      const { deadline } = invocationOf(event);
      const { authenticator, settings, sourceAllowlist } = runtime;
      const dependencies = { authenticator, queue, settings, ...(sourceAllowlist ? { sourceAllowlist } : {}) };
      return eventHookResult(runtime, await deadline.race(answerEventHookCall(httpRequestOf(event), dependencies, deadline.signal)));
    });

/** The runtime a deployed endpoint uses; local mode pairs it with an in-process queue. */
export const eventHookRuntime = (config: ServiceConfig): EventHookRuntime => {
  const sourceAllowlist = sourceAllowlistOf(config.network);
  return {
    settings: config.events,
    deadlineMs: config.runtime.deadlineMs,
    authenticator: eventHookAuthenticator(config),
    ...(sourceAllowlist ? { sourceAllowlist } : {}),
    ...createObservability('event-hook', config.runtime),
  };
};

export const handler = createEventHookHandler(
  eventHookRuntime(deployedConfig()),
  sqsEventQueue(process.env[EnvironmentVariable.eventsQueueUrl] ?? ''),
);
