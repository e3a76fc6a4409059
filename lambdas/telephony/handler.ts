import middy from '@middy/core';
import { EnvironmentVariable } from '../shared/config/environment';
import type { TelephonySettings } from '../shared/config/hook-settings';
import type { ServiceConfig } from '../shared/config/service-config';
import { answerOkta } from '../shared/runtime/answer-okta';
import { deployedConfig, deployedHook } from '../shared/runtime/deployed';
import type { HttpEvent, HttpResult } from '../shared/runtime/http';
import { inlineHookMiddlewares } from '../shared/runtime/inline-hook-middlewares';
import type { InlineHookRuntime } from '../shared/runtime/inline-hook-runtime';
import type { MessageSender } from './message-sender';
import { endUserMessagingSender } from './providers/end-user-messaging';
import { outboxSender } from './providers/outbox';
import { snsSender } from './providers/sns';
import { deliverOneTimePassword, type TelephonyDependencies } from './telephony-hook';

export const createTelephonyHandler = (
  runtime: InlineHookRuntime<'telephony'>,
  settings: TelephonySettings,
  dependencies: TelephonyDependencies,
) =>
  middy<HttpEvent, HttpResult>()
    .use(inlineHookMiddlewares(runtime))
    .handler(answerOkta(runtime, (request, context) => deliverOneTimePassword(request, settings, dependencies, context)));

/** A bundle names its provider at build time (OKTA_HOOKS_TELEPHONY_PROVIDER): only that client is in it. */
const senderFor = (settings: TelephonySettings): MessageSender => {
  if ((process.env.OKTA_HOOKS_TELEPHONY_PROVIDER ?? settings.provider) === 'sns') return snsSender();
  if ((process.env.OKTA_HOOKS_TELEPHONY_PROVIDER ?? settings.provider) === 'outbox') {
    return outboxSender(process.env[EnvironmentVariable.outboxFile] ?? 'okta-hooks-outbox.jsonl');
  }
  return endUserMessagingSender(settings);
};

/** The composition a deployed function uses; local mode calls it with its own configuration. */
export const deployedTelephonyHandler = (config: ServiceConfig) => {
  const deployed = deployedHook('telephony', config);
  return createTelephonyHandler(deployed.runtime, deployed.settings, {
    sender: senderFor(deployed.settings),
    idempotency: deployed.table,
  });
};

export const handler = deployedTelephonyHandler(deployedConfig());
