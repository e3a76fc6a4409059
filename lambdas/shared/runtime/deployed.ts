/**
 * How a deployed function (or local mode, which runs the same handlers) builds its runtime:
 * the configuration esbuild baked into the bundle, secrets from Secrets Manager or SSM (or
 * the environment locally), and the DynamoDB table named by the environment.
 */
import { EnvironmentVariable } from '../config/environment';
import type { HookSettingsOf } from '../config/hook-settings';
import { parseServiceConfig, type ServiceConfig } from '../config/service-config';
import type { InlineHookName } from '../okta/hook-types';
import { documentClient, configuredTableName } from '../stores/dynamodb-client';
import { DynamoHookTable } from '../stores/dynamodb-hook-table';
import { secretSourceFor } from '../stores/secret-sources';
import type { Authenticator } from './auth/authenticator';
import { createAuthenticator } from './auth/create-authenticator';
import { SharedSecretAuthenticator } from './auth/shared-secret';
import { createInlineHookRuntime, type InlineHookRuntime } from './inline-hook-runtime';

/** The configuration from OKTA_HOOKS_CONFIG (a literal in deployed bundles); defaults when absent. */
export const deployedConfig = (): ServiceConfig => {
  // Spelled out, not process.env[name]: esbuild's define replaces exactly these expressions at bundling.
  // A bundle carries the configuration the stack validated at synth, defaults applied:
  // validating it again would only add to every cold start (and the schemas to every bundle).
  const text = process.env.OKTA_HOOKS_CONFIG ?? '{}';
  return process.env.OKTA_HOOKS_CONFIG_VALIDATED === 'true'
    ? (JSON.parse(text) as ServiceConfig)
    : parseServiceConfig(JSON.parse(text) as unknown, EnvironmentVariable.config);
};

export interface DeployedHook<H extends InlineHookName> {
  runtime: InlineHookRuntime<H>;
  settings: HookSettingsOf[H];
  table: DynamoHookTable;
}

export const deployedHook = <H extends InlineHookName>(hook: H, config: ServiceConfig = deployedConfig()): DeployedHook<H> => ({
  runtime: createInlineHookRuntime(hook, config, createAuthenticator(config.auth, (auth) => secretSourceFor(auth))),
  settings: config.hooks[hook],
  table: new DynamoHookTable(documentClient, configuredTableName()),
});

/**
 * Event hooks only offer header authentication (contract §9): they always use the shared
 * secret, from the inline hooks' secret source (Secrets Manager when those use OAuth).
 */
export const eventHookAuthenticator = (config: ServiceConfig): Authenticator =>
  new SharedSecretAuthenticator({
    headerName: config.events.headerName,
    source: secretSourceFor(
      config.auth.mode === 'header'
        ? config.auth
        : { mode: 'header', headerName: config.events.headerName, secretSource: 'secrets-manager', secretMaxAgeSeconds: 300 },
    ),
  });
