import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ServiceConfig } from '../shared/config/service-config';
import { deployedConfig } from '../shared/runtime/deployed';
import { createObservability, type Observability } from '../shared/runtime/observability';
import { configuredTableName, documentClient } from '../shared/stores/dynamodb-client';
import { DynamoHookTable } from '../shared/stores/dynamodb-hook-table';
import { consumeBatch, type ConsumerDependencies } from './consume-batch';

/** Stops before the function's own timeout so the batch response still goes back. */
const signalFor = (context: Context): AbortSignal =>
  AbortSignal.timeout(Math.max(1000, (context.getRemainingTimeInMillis?.() ?? 30_000) - 2000));

export const createEventConsumerHandler = (observability: Observability, dependencies: ConsumerDependencies) =>
  middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(observability.logger, { resetKeys: true, logEvent: false }))
    .use(logMetrics(observability.metrics))
    .handler(async (event, context) => {
      const { batchItemFailures, outcomes } = await consumeBatch(event.Records, dependencies, signalFor(context));
      for (const outcome of outcomes) {
        observability.metrics.addMetric(`Event_${outcome.status}`, 'Count', 1);
        observability.logger[outcome.status === 'failed' || outcome.status === 'malformed' ? 'warn' : 'info']('event', { ...outcome });
      }
      return { batchItemFailures };
    });

/** The composition a deployed consumer uses; local mode calls it for its in-process queue. */
export const deployedEventConsumerHandler = (config: ServiceConfig) =>
  createEventConsumerHandler(createObservability('event-consumer', config.runtime), {
    store: new DynamoHookTable(documentClient, configuredTableName()),
    settings: config.events,
  });

export const handler = deployedEventConsumerHandler(deployedConfig());
