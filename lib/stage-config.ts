/**
 * Reads and validates `config/<stage>.json` at synth. Besides the schema, a deployed stage
 * must not use what only local mode can (secrets from the environment, the telephony outbox).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, parseServiceConfig, type ServiceConfig } from '../lambdas/shared/config/service-config';
import { inlineHookNames } from '../lambdas/shared/okta/hook-types';
import { effectiveConcurrency, functionKeysOf } from './function-settings';

export const configDirectory = path.join(__dirname, '..', 'config');

export const stageConfigFile = (stage: string, directory = configDirectory): string => path.join(directory, `${stage}.json`);

export const validateDeployable = (config: ServiceConfig, source: string): ServiceConfig => {
  const problems: string[] = [];
  if (config.auth.mode === 'header' && config.auth.secretSource === 'environment') {
    problems.push('auth.secretSource: "environment" is for local mode; a deployed stage reads the secret from secrets-manager or ssm');
  }
  if (config.auth.mode === 'header' && config.auth.secretSource === 'ssm' && !config.deployment.secretParameterName) {
    problems.push('deployment.secretParameterName: required when auth.secretSource is "ssm"');
  }
  if (config.hooks.telephony.enabled && config.hooks.telephony.provider === 'outbox') {
    problems.push('hooks.telephony.provider: "outbox" is for local mode; use end-user-messaging or sns');
  }
  const known = new Set([...inlineHookNames, 'event-hook', 'event-consumer']);
  for (const functionKey of Object.keys(config.deployment.functions)) {
    if (!known.has(functionKey)) problems.push(`deployment.functions.${functionKey}: not a function of this stack (${[...known].join(', ')})`);
  }
  for (const functionKey of functionKeysOf(config)) {
    const { provisioned, reserved } = effectiveConcurrency(config, functionKey);
    if (!provisioned || reserved === undefined) continue;
    const highest = Math.max(provisioned.min, provisioned.max, ...provisioned.schedules.map((peak) => peak.max));
    if (highest > reserved) {
      problems.push(`deployment.functions.${functionKey}: provisioned concurrency up to ${highest} needs reserved concurrency of at least that (it is ${reserved})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
};

export const loadStageConfig = (stage: string, directory = configDirectory): ServiceConfig => {
  if (!/^[a-z][a-z0-9-]{0,20}$/.test(stage)) {
    throw new ConfigError('-c stage', [`stage: "${stage}" must be lower-case letters, digits and dashes`]);
  }
  const file = stageConfigFile(stage, directory);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, [`no configuration for stage "${stage}": create ${path.relative(process.cwd(), file)}`]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new ConfigError(file, ['the file is not valid JSON']);
  }
  return validateDeployable(parseServiceConfig(document, file), file);
};

/** What a function receives: the configuration without the deployment section. */
export const functionConfigOf = (config: ServiceConfig): Omit<ServiceConfig, 'deployment' | '$schema'> => {
  const { deployment: _deployment, $schema: _schema, ...functionConfig } = config;
  return functionConfig;
};
