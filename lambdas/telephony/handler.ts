import middy from '@middy/core';
import type { TelephonySettings } from '../shared/config/hook-settings';
import { answerOkta } from '../shared/runtime/answer-okta';
import { deployedHook } from '../shared/runtime/deployed';
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

const senderFor = (settings: TelephonySettings): MessageSender => {
  switch (settings.provider) {
    case 'end-user-messaging':
      return endUserMessagingSender(settings);
    case 'sns':
      return snsSender();
    case 'outbox':
      return outboxSender(process.env.OKTA_HOOKS_OUTBOX_FILE ?? 'okta-hooks-outbox.jsonl');
  }
};

const deployed = deployedHook('telephony');
export const handler = createTelephonyHandler(deployed.runtime, deployed.settings, {
  sender: senderFor(deployed.settings),
  idempotency: deployed.table,
});
