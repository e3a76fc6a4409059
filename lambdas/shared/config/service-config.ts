/**
 * The service configuration: one typed, validated document per stage, shared by the CDK
 * stack (validated at synth, baked into each function's bundle) and by local mode.
 * Objects are strict so a misspelt key is an error that names the field, not a silent default.
 */
import * as z from 'zod/mini';
import { inlineHookNames, type InlineHookName } from '../okta/hook-types';
import { formatLocation } from '../okta/payload-issues';
import { deploymentSettingsSchema } from './deployment-settings';
import { eventHookSettingsSchema, hookSettingsSchemaOf } from './hook-settings';
import { networkSettingsSchema } from './network-settings';

export { defaultFailPolicyOf, failPolicies, type FailPolicy, type HookSettingsOf } from './hook-settings';

const positiveInt = z.int().check(z.positive());

// --- authentication (contract §1.2) -----------------------------------------------------------

export const secretSources = ['secrets-manager', 'ssm', 'environment'] as const;
export type SecretSource = (typeof secretSources)[number];

const headerAuthSchema = z.strictObject({
  mode: z.literal('header'),
  /** The header Okta sends the secret in (`authScheme.key`); compared case-insensitively. */
  headerName: z._default(z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/)), 'Authorization'),
  /**
   * Where the expected value lives. `secrets-manager` and `ssm` read the id from
   * OKTA_HOOK_SECRET_ID; `environment` reads OKTA_HOOK_SECRET (and OKTA_HOOK_SECRET_PREVIOUS).
   */
  secretSource: z._default(z.enum(secretSources), 'secrets-manager'),
  /** How long a fetched secret is reused before it is read again. */
  secretMaxAgeSeconds: z._default(positiveInt.check(z.lte(3600)), 300),
});

const oauthAuthSchema = z.strictObject({
  mode: z.literal('oauth'),
  /** `iss` of the access tokens, e.g. https://example.okta.com/oauth2/default. */
  issuer: z.url(),
  /** Accepted `aud` values, e.g. api://default. */
  audience: z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]),
  /** Defaults to `<issuer>/v1/keys`, where Okta authorization servers publish their keys. */
  jwksUri: z.optional(z.url()),
  /** Every one of these must be in `scp`. */
  requiredScopes: z._default(z.array(z.string().check(z.minLength(1))), []),
  /** When set, `cid` must be one of these (the hook's client id in Okta). */
  allowedClientIds: z._default(z.array(z.string().check(z.minLength(1))), []),
  clockToleranceSeconds: z._default(z.int().check(z.gte(0), z.lte(300)), 5),
  /** Asymmetric algorithms only: HMAC and `none` are never accepted. */
  algorithms: z._default(
    z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])).check(z.minLength(1)),
    ['RS256'],
  ),
});

export const authConfigSchema = z.discriminatedUnion('mode', [headerAuthSchema, oauthAuthSchema]);
export type AuthConfig = z.infer<typeof authConfigSchema>;
export type HeaderAuthConfig = z.infer<typeof headerAuthSchema>;
export type OAuthConfig = z.infer<typeof oauthAuthSchema>;

// --- runtime -----------------------------------------------------------------------------------

export const runtimeConfigSchema = z.strictObject({
  /** Every hook answers within this many ms of API Gateway receiving the call (Okta waits 3000). */
  deadlineMs: z._default(z.int().check(z.gte(100), z.lte(2900)), 2500),
  /** Larger request bodies get 413 before any work is done. */
  maxRequestBytes: z._default(positiveInt.check(z.lte(6 * 1024 * 1024)), 256 * 1024),
  logLevel: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  /** Adds the request id and duration to `debugContext`, which Okta copies to its System Log. */
  debugContext: z._default(z.boolean(), true),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

// --- hooks -------------------------------------------------------------------------------------

const hooksSchema = z.strictObject({
  token: z.prefault(hookSettingsSchemaOf.token, {}),
  registration: z.prefault(hookSettingsSchemaOf.registration, {}),
  saml: z.prefault(hookSettingsSchemaOf.saml, {}),
  'password-import': z.prefault(hookSettingsSchemaOf['password-import'], {}),
  'user-import': z.prefault(hookSettingsSchemaOf['user-import'], {}),
  telephony: z.prefault(hookSettingsSchemaOf.telephony, {}),
});

export const serviceConfigSchema = z.strictObject({
  $schema: z.optional(z.string()),
  auth: z.prefault(authConfigSchema, { mode: 'header' }),
  runtime: z.prefault(runtimeConfigSchema, {}),
  hooks: z.prefault(hooksSchema, {}),
  events: z.prefault(eventHookSettingsSchema, {}),
  /** Optional source-address allowlist for every route. */
  network: z.prefault(networkSettingsSchema, {}),
  /** Used by the CDK stack only; removed from what the functions receive. */
  deployment: z.prefault(deploymentSettingsSchema, {}),
});
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;
export type ServiceConfigInput = z.input<typeof serviceConfigSchema>;

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid configuration in ${source}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const describeConfigIssue = (issue: z.core.$ZodIssue): string => {
  const field = formatLocation(issue.path) || '(top level)';
  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
    return `${field}: required`;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${field === '(top level)' ? '' : `${field}: `}unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_type':
      return `${field}: expected ${issue.expected}`;
    case 'invalid_value':
      return `${field}: expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return `${field}: must be at least ${String(issue.minimum)}${issue.origin === 'string' || issue.origin === 'array' ? ' long' : ''}`;
    case 'too_big':
      return `${field}: must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${field}: must be a valid ${issue.format}`;
    case 'invalid_union':
      return `${field}: does not match any accepted form`;
    default:
      return `${field}: ${issue.message}`;
  }
};

/** Validates a parsed configuration document; throws {@link ConfigError} naming every bad field. */
export const parseServiceConfig = (document: unknown, source = 'configuration'): ServiceConfig => {
  const result = serviceConfigSchema.safeParse(document, { reportInput: true });
  if (!result.success) throw new ConfigError(source, result.error.issues.map(describeConfigIssue));
  return result.data;
};

export const enabledHooks = (config: ServiceConfig): InlineHookName[] =>
  inlineHookNames.filter((hook) => config.hooks[hook].enabled);
