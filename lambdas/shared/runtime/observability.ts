/**
 * Structured logs and EMF metrics with Powertools. One logger and one metrics object per
 * function, created at module scope; every log line passes through the masking replacer.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { RuntimeConfig } from '../config/service-config';
import { maskingReplacer } from './masking';

export const SERVICE_NAME = 'okta-hooks';
export const DEFAULT_METRICS_NAMESPACE = 'OktaHooks';

/** Metric names, per hook (dimension `hook`); the stack's alarms refer to these. */
export const HookMetric = {
  latency: 'HookLatency',
  changed: 'Changed',
  noChange: 'NoChange',
  refused: 'Refused',
  failPolicy: 'FailPolicyApplied',
  badRequest: 'BadRequest',
  authFailure: 'AuthFailure',
  sourceRefused: 'SourceRefused',
  deadlineHit: 'DeadlineHit',
  contractRejection: 'ContractRejection',
  dependencyFailure: 'DependencyFailure',
  internalError: 'InternalError',
} as const;
export type HookMetricName = (typeof HookMetric)[keyof typeof HookMetric];

export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

export const createObservability = (hook: string, runtime: Pick<RuntimeConfig, 'logLevel'>): Observability => ({
  logger: new Logger({
    serviceName: SERVICE_NAME,
    logLevel: runtime.logLevel,
    persistentKeys: { hook },
    jsonReplacerFn: maskingReplacer,
  }),
  metrics: new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE,
    serviceName: SERVICE_NAME,
    defaultDimensions: { hook },
  }),
});

export const countMetric = (metrics: Metrics, name: HookMetricName): void => {
  metrics.addMetric(name, MetricUnit.Count, 1);
};

export const latencyMetric = (metrics: Metrics, milliseconds: number): void => {
  metrics.addMetric(HookMetric.latency, MetricUnit.Milliseconds, Math.round(milliseconds * 1000) / 1000);
};
