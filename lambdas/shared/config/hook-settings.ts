/**
 * Per-hook behaviour: which records to look up and how their attributes become claims,
 * SAML attributes and profile attributes; domain rules; transforms; the SMS provider.
 * Behaviour changes by editing the stage's configuration file, not the code.
 */
import * as z from 'zod/mini';
import type { InlineHookName } from '../okta/hook-types';
import { isReservedClaim } from '../okta/reserved-claims';

const nonEmpty = z.string().check(z.minLength(1));
const wholeSeconds = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

export const failPolicies = ['open', 'closed'] as const;
export type FailPolicy = (typeof failPolicies)[number];

/**
 * What a hook answers when a dependency fails or the deadline passes:
 * `open` leaves Okta's flow as if the hook had not run; `closed` stops it with an error.
 */
export const defaultFailPolicyOf: Record<InlineHookName, FailPolicy> = {
  token: 'open',
  registration: 'open',
  saml: 'open',
  'password-import': 'closed',
  'user-import': 'closed',
  telephony: 'open',
};

const commonFields = (hook: InlineHookName) => ({
  enabled: z._default(z.boolean(), true),
  failPolicy: z._default(z.enum(failPolicies), defaultFailPolicyOf[hook]),
});

const cacheSchema = (defaultTtlSeconds: number) =>
  z._default(
    z.strictObject({
      /** 0 turns the cache off. */
      ttlSeconds: z._default(wholeSeconds(0, 3600), defaultTtlSeconds),
      maxEntries: z._default(z.int().check(z.gte(1), z.lte(1_000_000)), 10_000),
    }),
    { ttlSeconds: defaultTtlSeconds, maxEntries: 10_000 },
  );

/** Domain patterns: `example.com` (exactly) or `*.example.com` (any subdomain). */
const domainPattern = z
  .string()
  .check(z.regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'must be a domain such as example.com or *.example.com'));

const profileScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const profileValue = z.union([profileScalar, z.array(profileScalar)]);
const profileAttributeName = nonEmpty.check(
  z.refine((name) => name.toLowerCase() !== 'password', 'no hook may set a password'),
);

const whenUserNotFound = z._default(z.enum(['no-change', 'deny']), 'no-change');

// --- token --------------------------------------------------------------------------------------

const tokenKinds = ['identity', 'access'] as const;

export const tokenSettingsSchema = z
  .strictObject({
    ...commonFields('token'),
    /**
     * Which key finds the user's record: the login, the Okta user id, or a claim of one of
     * the tokens (holding a login or an Okta user id).
     */
    lookup: z._default(
      z.discriminatedUnion('by', [
        z.strictObject({ by: z.literal('login') }),
        z.strictObject({ by: z.literal('oktaUserId') }),
        z.strictObject({
          by: z.literal('claim'),
          token: z.enum(tokenKinds),
          claim: nonEmpty,
          holds: z._default(z.enum(['login', 'oktaUserId']), 'login'),
        }),
      ]),
      { by: 'login' },
    ),
    /** Record attribute → claim, in the ID token, the access token, or both. */
    claims: z._default(
      z.array(
        z.strictObject({
          attribute: nonEmpty,
          claim: nonEmpty,
          tokens: z._default(z.array(z.enum(tokenKinds)).check(z.minLength(1)), ['access']),
        }),
      ),
      [],
    ),
    /** New lifetimes, in seconds (300–86400), for the tokens that were requested. */
    lifetimeSeconds: z._default(
      z.strictObject({
        identity: z.optional(wholeSeconds(300, 86_400)),
        access: z.optional(wholeSeconds(300, 86_400)),
      }),
      {},
    ),
    /** `deny` stops the token with `denyMessage` when no record is found (or it is deactivated). */
    userNotFound: whenUserNotFound,
    denyMessage: z._default(nonEmpty.check(z.maxLength(500)), 'This account is not enabled for this application.'),
    cache: cacheSchema(30),
  })
  .check(
    z.superRefine((settings, ctx) => {
      settings.claims.forEach((mapping, index) => {
        for (const token of mapping.tokens) {
          if (isReservedClaim(token, mapping.claim)) {
            ctx.addIssue({
              code: 'custom',
              path: ['claims', index, 'claim'],
              message: `"${mapping.claim}" is a reserved claim of the ${token === 'identity' ? 'ID' : 'access'} token`,
              input: mapping.claim,
            });
          }
        }
      });
    }),
  );
export type TokenSettings = z.infer<typeof tokenSettingsSchema>;

// --- registration -------------------------------------------------------------------------------

export const registrationSettingsSchema = z.strictObject({
  ...commonFields('registration'),
  /** The profile attribute holding the e-mail address the domain rules look at. */
  emailAttribute: z._default(nonEmpty, 'email'),
  /** When not empty, only these domains may register. */
  allowedDomains: z._default(z.array(domainPattern), []),
  /** These domains may never register (checked before the allowed list). */
  deniedDomains: z._default(z.array(domainPattern), []),
  denial: z._default(
    z.strictObject({
      /** Shown by the Sign-In Widget above the form. */
      summary: z._default(nonEmpty, 'Registration is not available for this e-mail address.'),
      /** Shown beside the e-mail field. */
      cause: z._default(nonEmpty, 'Use an e-mail address from an allowed domain.'),
      reason: z._default(nonEmpty, 'INVALID_EMAIL_DOMAIN'),
    }),
    {
      summary: 'Registration is not available for this e-mail address.',
      cause: 'Use an e-mail address from an allowed domain.',
      reason: 'INVALID_EMAIL_DOMAIN',
    },
  ),
  /** Profile attributes set by e-mail domain, e.g. `atko.email` → `{"userType": "Contractor"}`. */
  domainRules: z._default(
    z.array(
      z.strictObject({
        domains: z.array(domainPattern).check(z.minLength(1)),
        set: z.record(profileAttributeName, profileValue),
      }),
    ),
    [],
  ),
  /** Profile attributes copied from the user's record, e.g. HR data: record attribute → profile attribute. */
  enrichment: z.optional(
    z.strictObject({
      attributes: z.record(nonEmpty, profileAttributeName),
    }),
  ),
  cache: cacheSchema(0),
});
export type RegistrationSettings = z.infer<typeof registrationSettingsSchema>;

// --- SAML ---------------------------------------------------------------------------------------

export const samlSettingsSchema = z.strictObject({
  ...commonFields('saml'),
  lookup: z._default(z.strictObject({ by: z.enum(['login', 'oktaUserId']) }), { by: 'login' }),
  /** Record attribute → SAML attribute; a list attribute becomes a multi-valued statement. */
  attributes: z._default(
    z.array(
      z.strictObject({
        attribute: nonEmpty,
        /** The SAML attribute name; URI names are fine (they are escaped in the patch path). */
        name: nonEmpty,
        /** `basic`, `uri`, `unspecified`, or a full NameFormat URN. */
        nameFormat: z._default(nonEmpty, 'basic'),
        xsiType: z._default(nonEmpty, 'xs:string'),
      }),
    ),
    [],
  ),
  /** Sets SessionNotOnOrAfter to the issue instant plus this many seconds. */
  sessionLifetimeSeconds: z.optional(wholeSeconds(60, 7 * 86_400)),
  userNotFound: whenUserNotFound,
  denyMessage: z._default(nonEmpty.check(z.maxLength(500)), 'This account is not enabled for this application.'),
  cache: cacheSchema(30),
});
export type SamlSettings = z.infer<typeof samlSettingsSchema>;

// --- password import ----------------------------------------------------------------------------

export const passwordImportSettingsSchema = z.strictObject({
  ...commonFields('password-import'),
  /** Mark the credential record as migrated after VERIFIED (the hash is kept). */
  recordMigration: z._default(z.boolean(), true),
  /** Off by default: a changed hash must take effect at once. */
  cache: cacheSchema(0),
});
export type PasswordImportSettings = z.infer<typeof passwordImportSettingsSchema>;

// --- user import --------------------------------------------------------------------------------

export const userImportSettingsSchema = z.strictObject({
  ...commonFields('user-import'),
  /** The app user profile attribute holding the source system's id. */
  externalIdAttribute: z._default(nonEmpty, 'externalId'),
  /** Link records are kept per namespace; by default the application's name in the request. */
  linkNamespace: z.optional(nonEmpty),
  /** When Okta matched a user but no link record exists: keep Okta's LINK_USER, or create a new user. */
  unlinkedMatch: z._default(z.enum(['keep', 'create']), 'keep'),
  transforms: z._default(
    z.array(
      z.strictObject({
        /** Which profile the result is written to. */
        target: z.enum(['user', 'appUser']),
        attribute: profileAttributeName,
        /** Where the value comes from (default: the same attribute of the app user profile). */
        from: z.optional(z.strictObject({ profile: z.enum(['user', 'appUser']), attribute: nonEmpty })),
        normalize: z.optional(z.enum(['email', 'trim', 'lowercase', 'uppercase'])),
        /** Map the value through the code records of this code set. */
        codeSet: z.optional(nonEmpty),
        /** An unknown code is kept as it is, or the record is rejected. */
        onUnknownCode: z._default(z.enum(['keep', 'reject']), 'keep'),
      }),
    ),
    [],
  ),
  cache: cacheSchema(300),
});
export type UserImportSettings = z.infer<typeof userImportSettingsSchema>;

// --- telephony ----------------------------------------------------------------------------------

export const telephonyProviders = ['end-user-messaging', 'sns', 'outbox'] as const;

export const telephonySettingsSchema = z.strictObject({
  enabled: z._default(z.boolean(), true),
  /** Telephony has one fail answer: an error, after which Okta sends the OTP itself. */
  failPolicy: z._default(z.literal('open'), 'open'),
  /**
   * `end-user-messaging`: AWS End User Messaging SMS and Voice v2 (SMS and voice).
   * `sns`: Amazon SNS (SMS only; voice calls fall back to Okta).
   * `outbox`: local mode only, messages are printed and written to a file.
   */
  provider: z._default(z.enum(telephonyProviders), 'end-user-messaging'),
  /** Phone number, pool, sender id or their ARN; voice calls need one. */
  originationIdentity: z.optional(nonEmpty),
  configurationSetName: z.optional(nonEmpty),
  /** An Amazon Polly voice id, upper-cased as the SMS and Voice v2 API names them. */
  voiceId: z._default(z.string().check(z.regex(/^[A-Z][A-Z_]*$/, 'must be an upper-case voice id such as JOANNA')), 'JOANNA'),
  /** `{code}` is replaced by the OTP, digit by digit, so it is read out clearly. */
  voiceMessage: z._default(nonEmpty.check(z.includes('{code}')), 'Your verification code is {code}. Again, your code is {code}.'),
  /** Used when Okta sends no `msgTemplate`. */
  smsMessage: z._default(nonEmpty.check(z.includes('{code}')), 'Your verification code is {code}.'),
  /** The `provider` value reported to Okta. */
  providerName: z.optional(nonEmpty),
  /** What a message the provider accepted counts as: delivered, or sent but unconfirmed. */
  acceptedStatus: z._default(z.enum(['SUCCESSFUL', 'PENDING']), 'SUCCESSFUL'),
  /** How long a delivered `eventId` is remembered, so a duplicate never sends twice. */
  idempotencyTtlSeconds: z._default(wholeSeconds(60, 86_400), 900),
});
export type TelephonySettings = z.infer<typeof telephonySettingsSchema>;

export const hookSettingsSchemaOf = {
  token: tokenSettingsSchema,
  registration: registrationSettingsSchema,
  saml: samlSettingsSchema,
  'password-import': passwordImportSettingsSchema,
  'user-import': userImportSettingsSchema,
  telephony: telephonySettingsSchema,
} satisfies Record<InlineHookName, z.ZodMiniType>;

export type HookSettingsOf = { [H in InlineHookName]: z.infer<(typeof hookSettingsSchemaOf)[H]> };

// --- event hooks --------------------------------------------------------------------------------

/** What the consumer does with an event type. */
export const eventActions = ['delete-legacy-credential', 'deactivate-user', 'reactivate-user', 'delete-user', 'ignore'] as const;
export type EventAction = (typeof eventActions)[number];

export const eventHookSettingsSchema = z.strictObject({
  enabled: z._default(z.boolean(), true),
  /** Event hooks only offer header authentication; the secret is the inline hooks' shared secret. */
  headerName: z._default(z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/)), 'Authorization'),
  /** Okta sends the auth header on the one-time verification GET too; turn off only if your org's verification fails. */
  authenticateVerification: z._default(z.boolean(), true),
  /** Deliveries batch many events: a larger limit than inline hooks. */
  maxRequestBytes: z._default(z.int().check(z.gte(1024), z.lte(6 * 1024 * 1024)), 1024 * 1024),
  /** Event type → action; types not listed are acknowledged and skipped. */
  handlers: z._default(z.record(nonEmpty, z.enum(eventActions)), {
    'user.import.password': 'delete-legacy-credential',
    'user.lifecycle.deactivate': 'deactivate-user',
    'user.lifecycle.delete.initiated': 'delete-user',
    'user.lifecycle.reactivate': 'reactivate-user',
  }),
  /** How long a processed event uuid is remembered (Okta may deliver late and more than once). */
  idempotencyTtlSeconds: z._default(wholeSeconds(3600, 30 * 86_400), 7 * 86_400),
});
export type EventHookSettings = z.infer<typeof eventHookSettingsSchema>;
