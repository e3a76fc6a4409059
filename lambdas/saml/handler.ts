import middy from '@middy/core';
import type { SamlSettings } from '../shared/config/hook-settings';
import { answerOkta } from '../shared/runtime/answer-okta';
import { deployedHook } from '../shared/runtime/deployed';
import type { HttpEvent, HttpResult } from '../shared/runtime/http';
import { inlineHookMiddlewares } from '../shared/runtime/inline-hook-middlewares';
import type { InlineHookRuntime } from '../shared/runtime/inline-hook-runtime';
import { cachedUserDirectory } from '../shared/stores/lookup-cache';
import { enrichAssertion, type SamlHookDependencies } from './saml-hook';

export const createSamlHandler = (runtime: InlineHookRuntime<'saml'>, settings: SamlSettings, dependencies: SamlHookDependencies) =>
  middy<HttpEvent, HttpResult>()
    .use(inlineHookMiddlewares(runtime))
    .handler(answerOkta(runtime, (request, context) => enrichAssertion(request, settings, dependencies, context)));

const deployed = deployedHook('saml');
export const handler = createSamlHandler(deployed.runtime, deployed.settings, {
  users: cachedUserDirectory(deployed.table, deployed.settings.cache),
});
