import middy from '@middy/core';
import type { UserImportSettings } from '../shared/config/hook-settings';
import type { ServiceConfig } from '../shared/config/service-config';
import { answerOkta } from '../shared/runtime/answer-okta';
import { deployedConfig, deployedHook } from '../shared/runtime/deployed';
import type { HttpEvent, HttpResult } from '../shared/runtime/http';
import { inlineHookMiddlewares } from '../shared/runtime/inline-hook-middlewares';
import type { InlineHookRuntime } from '../shared/runtime/inline-hook-runtime';
import { cachedCodeTable, cachedLinkDirectory } from '../shared/stores/lookup-cache';
import { transformImportedUser, type UserImportDependencies } from './user-import-hook';

export const createUserImportHandler = (
  runtime: InlineHookRuntime<'user-import'>,
  settings: UserImportSettings,
  dependencies: UserImportDependencies,
) =>
  middy<HttpEvent, HttpResult>()
    .use(inlineHookMiddlewares(runtime))
    .handler(answerOkta(runtime, (request, context) => transformImportedUser(request, settings, dependencies, context)));

/** The composition a deployed function uses; local mode calls it with its own configuration. */
export const deployedUserImportHandler = (config: ServiceConfig) => {
  const deployed = deployedHook('user-import', config);
  // Links and codes change rarely: both use the hook's lookup cache (off with ttlSeconds 0).
  return createUserImportHandler(deployed.runtime, deployed.settings, {
    links: cachedLinkDirectory(deployed.table, deployed.settings.cache),
    codes: cachedCodeTable(deployed.table, deployed.settings.cache),
  });
};

export const handler = deployedUserImportHandler(deployedConfig());
