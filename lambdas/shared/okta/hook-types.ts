/** The six inline hook types, by the name used for routes, configuration and Lambda functions. */
export const inlineHookNames = [
  'token',
  'registration',
  'saml',
  'password-import',
  'user-import',
  'telephony',
] as const;

export type InlineHookName = (typeof inlineHookNames)[number];

/** `eventType` values Okta sends for each inline hook (contract §1.3, `InlineHookType`). */
export const oktaEventTypeOf = {
  token: 'com.okta.oauth2.tokens.transform',
  registration: 'com.okta.user.pre-registration',
  saml: 'com.okta.saml.tokens.transform',
  'password-import': 'com.okta.user.credential.password.import',
  'user-import': 'com.okta.import.transform',
  telephony: 'com.okta.telephony.provider',
} as const satisfies Record<InlineHookName, string>;

export type OktaInlineEventType = (typeof oktaEventTypeOf)[InlineHookName];

/** `eventType` of every event hook delivery (contract §9). */
export const eventHookEventType = 'com.okta.event_hook';

export const isInlineHookName = (value: string): value is InlineHookName =>
  (inlineHookNames as readonly string[]).includes(value);

/** Which hook a given `eventType` belongs to, if any. */
export const inlineHookForEventType = (eventType: unknown): InlineHookName | undefined =>
  inlineHookNames.find((hook) => oktaEventTypeOf[hook] === eventType);

/** Okta retries once after a timeout or a 5xx, except for token and telephony hooks (contract §1.5). */
export const oktaRetriesHook = (hook: InlineHookName): boolean => hook !== 'token' && hook !== 'telephony';

/** Okta waits this long for an inline hook's answer (contract §1.5). */
export const OKTA_TIMEOUT_MS = 3000;

/** A response body must be smaller than 256 KB (contract §1.4). */
export const MAX_RESPONSE_BYTES = 256 * 1024;
