import middy from '@middy/core';
import type { PasswordImportSettings } from '../shared/config/hook-settings';
import type { ServiceConfig } from '../shared/config/service-config';
import { answerOkta } from '../shared/runtime/answer-okta';
import { deployedConfig, deployedHook } from '../shared/runtime/deployed';
import type { HttpEvent, HttpResult } from '../shared/runtime/http';
import { inlineHookMiddlewares } from '../shared/runtime/inline-hook-middlewares';
import type { InlineHookRuntime } from '../shared/runtime/inline-hook-runtime';
import { cachedCredentialStore } from '../shared/stores/lookup-cache';
import { verifyImportedPassword, type PasswordImportDependencies } from './password-import-hook';

export const createPasswordImportHandler = (
  runtime: InlineHookRuntime<'password-import'>,
  settings: PasswordImportSettings,
  dependencies: PasswordImportDependencies,
) =>
  middy<HttpEvent, HttpResult>()
    .use(inlineHookMiddlewares(runtime))
    .handler(answerOkta(runtime, (request, context) => verifyImportedPassword(request, settings, dependencies, context)));

/** The composition a deployed function uses; local mode calls it with its own configuration. */
export const deployedPasswordImportHandler = (config: ServiceConfig) => {
  const deployed = deployedHook('password-import', config);
  return createPasswordImportHandler(deployed.runtime, deployed.settings, {
    credentials: cachedCredentialStore(deployed.table, deployed.settings.cache),
  });
};

export const handler = deployedPasswordImportHandler(deployedConfig());
