import middy from '@middy/core';
import type { RegistrationSettings } from '../shared/config/hook-settings';
import type { ServiceConfig } from '../shared/config/service-config';
import { answerOkta } from '../shared/runtime/answer-okta';
import { deployedConfig, deployedHook } from '../shared/runtime/deployed';
import type { HttpEvent, HttpResult } from '../shared/runtime/http';
import { inlineHookMiddlewares } from '../shared/runtime/inline-hook-middlewares';
import type { InlineHookRuntime } from '../shared/runtime/inline-hook-runtime';
import { cachedUserDirectory } from '../shared/stores/lookup-cache';
import { decideRegistration, type RegistrationHookDependencies } from './registration-hook';

export const createRegistrationHandler = (
  runtime: InlineHookRuntime<'registration'>,
  settings: RegistrationSettings,
  dependencies: RegistrationHookDependencies,
) =>
  middy<HttpEvent, HttpResult>()
    .use(inlineHookMiddlewares(runtime))
    .handler(answerOkta(runtime, (request, context) => decideRegistration(request, settings, dependencies, context)));

/** The composition a deployed function uses; local mode calls it with its own configuration. */
export const deployedRegistrationHandler = (config: ServiceConfig) => {
  const deployed = deployedHook('registration', config);
  return createRegistrationHandler(deployed.runtime, deployed.settings, {
    users: cachedUserDirectory(deployed.table, deployed.settings.cache),
  });
};

export const handler = deployedRegistrationHandler(deployedConfig());
