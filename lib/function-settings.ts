/**
 * Per-function deployment settings as the stack applies them: a function's own override,
 * else the stage's value, else the production default. Synth-time validation uses the same.
 */
import type { ProvisionedConcurrencySettings } from '../lambdas/shared/config/deployment-settings';
import type { ServiceConfig } from '../lambdas/shared/config/service-config';
import { inlineHookNames } from '../lambdas/shared/okta/hook-types';

/** Provisioned concurrency a production stage gets when its configuration says nothing. */
export const DEFAULT_PRODUCTION_CONCURRENCY: ProvisionedConcurrencySettings = { min: 2, max: 20, targetUtilization: 0.7, schedules: [] };

/** Reserved concurrency of each function in production when the configuration says nothing. */
export const DEFAULT_PRODUCTION_RESERVED_CONCURRENCY = 100;

/** bcrypt and argon2 are CPU-bound: at 1769 MB a function has one full vCPU. */
export const DEFAULT_MEMORY_MB: Partial<Record<string, number>> = { 'password-import': 1769, 'event-consumer': 512 };

/** Every function of the stack, by its key in `deployment.functions`. */
export const functionKeysOf = (config: ServiceConfig): string[] => [
  ...inlineHookNames.filter((hook) => config.hooks[hook].enabled),
  ...(config.events.enabled ? ['event-hook', 'event-consumer'] : []),
];

/** The provisioned and reserved concurrency a function gets: its override, the stage's, or the production default. */
export const effectiveConcurrency = (
  config: ServiceConfig,
  functionKey: string,
): { provisioned?: ProvisionedConcurrencySettings; reserved?: number } => {
  const { deployment } = config;
  const override = deployment.functions[functionKey] ?? {};
  const provisioned =
    override.provisionedConcurrency === false
      ? undefined
      : (override.provisionedConcurrency ?? deployment.provisionedConcurrency ?? (deployment.production ? DEFAULT_PRODUCTION_CONCURRENCY : undefined));
  const reserved = override.reservedConcurrency ?? deployment.reservedConcurrency ?? (deployment.production ? DEFAULT_PRODUCTION_RESERVED_CONCURRENCY : undefined);
  return { ...(provisioned ? { provisioned } : {}), ...(reserved === undefined ? {} : { reserved }) };
};

