import middy from '@middy/core';
import type { UserImportSettings } from '../shared/config/hook-settings';
import { answerOkta } from '../shared/runtime/answer-okta';
import { deployedHook } from '../shared/runtime/deployed';
import type { HttpEvent, HttpResult } from '../shared/runtime/http';
import { inlineHookMiddlewares } from '../shared/runtime/inline-hook-middlewares';
import type { InlineHookRuntime } from '../shared/runtime/inline-hook-runtime';
import { cachedCodeTable } from '../shared/stores/lookup-cache';
import { transformImportedUser, type UserImportDependencies } from './user-import-hook';

export const createUserImportHandler = (
  runtime: InlineHookRuntime<'user-import'>,
  settings: UserImportSettings,
  dependencies: UserImportDependencies,
) =>
  middy<HttpEvent, HttpResult>()
    .use(inlineHookMiddlewares(runtime))
    .handler(answerOkta(runtime, (request, context) => transformImportedUser(request, settings, dependencies, context)));

const deployed = deployedHook('user-import');
// Code tables change rarely and are cached; link records are read fresh, as they decide identity.
export const handler = createUserImportHandler(deployed.runtime, deployed.settings, {
  links: deployed.table,
  codes: cachedCodeTable(deployed.table, deployed.settings.cache),
});
