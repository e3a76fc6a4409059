import middy from '@middy/core';
import type { SamlSettings } from '../shared/config/hook-settings';
import type { ServiceConfig } from '../shared/config/service-config';
import { answerOkta } from '../shared/runtime/answer-okta';
import { deployedConfig, deployedHook } from '../shared/runtime/deployed';
import type { HttpEvent, HttpResult } from '../shared/runtime/http';
import { inlineHookMiddlewares } from '../shared/runtime/inline-hook-middlewares';
import type { InlineHookRuntime } from '../shared/runtime/inline-hook-runtime';
import { cachedUserDirectory } from '../shared/stores/lookup-cache';
import { enrichAssertion, type SamlHookDependencies } from './saml-hook';

export const createSamlHandler = (runtime: InlineHookRuntime<'saml'>, settings: SamlSettings, dependencies: SamlHookDependencies) =>
  middy<HttpEvent, HttpResult>()
    .use(inlineHookMiddlewares(runtime))
    .handler(answerOkta(runtime, (request, context) => enrichAssertion(request, settings, dependencies, context)));

/** The composition a deployed function uses; local mode calls it with its own configuration. */
export const deployedSamlHandler = (config: ServiceConfig) => {
  const deployed = deployedHook('saml', config);
  return createSamlHandler(deployed.runtime, deployed.settings, {
    users: cachedUserDirectory(deployed.table, deployed.settings.cache),
  });
};

export const handler = deployedSamlHandler(deployedConfig());
