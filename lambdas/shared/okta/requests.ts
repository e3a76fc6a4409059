/**
 * What Okta sends to each inline hook (contract §§1.3, 2–7), as zod schemas.
 *
 * Every object is loose: fields Okta adds later pass through untouched. Only what the hooks
 * read is required; everything Okta may leave out (no `data.identity` for an access-token-only
 * request, no `data.context.user` for client credentials) is optional.
 * zod/mini keeps the bundle small (the classic API adds ~75 KB to every function).
 */
import * as z from 'zod/mini';
import { lazySchema, type LazyOutput, type LazySchema } from '../validation/lazy-schema';
import { oktaEventTypeOf, type InlineHookName } from './hook-types';

// Building blocks are functions: schemas are built when a hook first parses a request.
/** Okta writes version fields as strings in the guides and as numbers in two spec examples. */
const versionField = () => z.union([z.string(), z.number()]);
const nonEmptyString = () => z.string().check(z.minLength(1));
const jsonObject = () => z.record(z.string(), z.unknown());
const optionalString = () => z.optional(z.nullable(z.string()));

const envelopeFields = <TEventType extends string>(eventType: TEventType) => ({
  eventId: nonEmptyString(),
  eventTime: optionalString(),
  eventType: z.literal(eventType),
  eventTypeVersion: z.optional(versionField()),
  cloudEventVersion: z.optional(versionField()),
  contentType: optionalString(),
  source: optionalString(),
});

/** `data.context.request`, the same for every hook type (`InlineHookRequestObject`). */
const requestContextSchema = () =>
  z.looseObject({
    id: optionalString(),
    method: optionalString(),
    url: z.optional(z.nullable(z.looseObject({ value: optionalString() }))),
    ipAddress: optionalString(),
  });

/** `data.context.user`: the Okta user, when one is bound to the flow. */
const oktaUserSchema = () =>
  z.looseObject({
    id: nonEmptyString(),
    passwordChanged: optionalString(),
    profile: z.looseObject({
      login: optionalString(),
      firstName: optionalString(),
      lastName: optionalString(),
      locale: optionalString(),
      timeZone: optionalString(),
    }),
    _links: z.optional(z.nullable(jsonObject())),
  });

const sessionSchema = () =>
  z.looseObject({
    id: optionalString(),
    userId: optionalString(),
    login: optionalString(),
    status: optionalString(),
  });

// --- token (§2) -------------------------------------------------------------------------

const tokenLifetimeSchema = () =>
  z.looseObject({
    lifetime: z.optional(z.nullable(z.looseObject({ expiration: z.optional(z.nullable(z.number())) }))),
  });

const identityTokenSchema = () =>
  z.looseObject({
    claims: jsonObject(),
    token: z.optional(z.nullable(tokenLifetimeSchema())),
  });

const accessTokenSchema = () =>
  z.looseObject({
    claims: jsonObject(),
    token: z.optional(z.nullable(tokenLifetimeSchema())),
    scopes: z.optional(z.nullable(jsonObject())),
  });

const protocolRequestSchema = () =>
  z.looseObject({
    client_id: optionalString(),
    grant_type: optionalString(),
    redirect_uri: optionalString(),
    response_mode: optionalString(),
    response_type: optionalString(),
    scope: optionalString(),
    state: optionalString(),
  });

export const tokenRequestSchema = lazySchema(() =>
  z.looseObject({
    ...envelopeFields(oktaEventTypeOf.token),
    data: z.looseObject({
      context: z.looseObject({
        request: z.optional(z.nullable(requestContextSchema())),
        protocol: z.optional(
          z.nullable(
            z.looseObject({
              type: optionalString(),
              request: z.optional(z.nullable(protocolRequestSchema())),
              issuer: z.optional(z.nullable(z.looseObject({ uri: optionalString() }))),
              client: z.optional(
                z.nullable(z.looseObject({ id: optionalString(), name: optionalString(), type: optionalString() })),
              ),
            }),
          ),
        ),
        session: z.optional(z.nullable(sessionSchema())),
        user: z.optional(z.nullable(oktaUserSchema())),
        policy: z.optional(z.nullable(jsonObject())),
      }),
      identity: z.optional(z.nullable(identityTokenSchema())),
      access: z.optional(z.nullable(accessTokenSchema())),
      refresh_token: z.optional(z.nullable(z.looseObject({ jti: optionalString() }))),
    }),
  }),
);
export type TokenRequest = LazyOutput<typeof tokenRequestSchema>;

// --- registration (§3) ------------------------------------------------------------------

export const registrationRequestTypes = {
  selfService: 'self.service.registration',
  progressiveProfile: 'progressive.profile',
} as const;

/** Which of the three registration requests this is; Classic Engine sends no `requestType`. */
export type RegistrationVariant = 'self-service' | 'progressive-profile' | 'classic' | 'unknown';

export const registrationVariantOf = (requestType: string | null | undefined): RegistrationVariant => {
  if (requestType === undefined || requestType === null) return 'classic';
  if (requestType === registrationRequestTypes.selfService) return 'self-service';
  if (requestType === registrationRequestTypes.progressiveProfile) return 'progressive-profile';
  return 'unknown';
};

export const registrationRequestSchema = lazySchema(() =>
  z
  .looseObject({
    ...envelopeFields(oktaEventTypeOf.registration),
    requestType: optionalString(),
    data: z.looseObject({
      context: z.optional(
        z.nullable(
          z.looseObject({
            request: z.optional(z.nullable(requestContextSchema())),
            user: z.optional(z.nullable(oktaUserSchema())),
          }),
        ),
      ),
      userProfile: z.optional(z.nullable(jsonObject())),
      userProfileUpdate: z.optional(z.nullable(jsonObject())),
      action: optionalString(),
    }),
  })
  .check(
    z.superRefine((request, ctx) => {
      const variant = registrationVariantOf(request.requestType);
      if ((variant === 'self-service' || variant === 'classic') && !request.data.userProfile) {
        ctx.addIssue({
          code: 'custom',
          path: ['data', 'userProfile'],
          message: 'a self-service registration carries the typed profile in data.userProfile',
          input: request.data.userProfile,
        });
      }
      if (variant === 'progressive-profile') {
        if (!request.data.context?.user) {
          ctx.addIssue({
            code: 'custom',
            path: ['data', 'context', 'user'],
            message: 'a progressive profile request carries the current user in data.context.user',
            input: request.data.context?.user,
          });
        }
        if (!request.data.userProfileUpdate) {
          ctx.addIssue({
            code: 'custom',
            path: ['data', 'userProfileUpdate'],
            message: 'a progressive profile request carries the changed attributes in data.userProfileUpdate',
            input: request.data.userProfileUpdate,
          });
        }
      }
    }),
  ),
);
export type RegistrationRequest = LazyOutput<typeof registrationRequestSchema>;

// --- SAML assertion (§4) ----------------------------------------------------------------

const samlAttributeValueSchema = () =>
  z.looseObject({
    attributes: z.optional(z.nullable(jsonObject())),
    value: z.optional(z.unknown()),
  });

const samlAttributeStatementSchema = () =>
  z.looseObject({
    attributes: z.optional(z.nullable(z.looseObject({ NameFormat: optionalString() }))),
    attributeValues: z.optional(z.nullable(z.array(samlAttributeValueSchema()))),
  });

export const samlRequestSchema = lazySchema(() =>
  z.looseObject({
    ...envelopeFields(oktaEventTypeOf.saml),
    data: z.looseObject({
      context: z.looseObject({
        request: z.optional(z.nullable(requestContextSchema())),
        protocol: z.optional(z.nullable(jsonObject())),
        session: z.optional(z.nullable(sessionSchema())),
        user: z.optional(z.nullable(oktaUserSchema())),
      }),
      assertion: z.looseObject({
        subject: z.optional(z.nullable(jsonObject())),
        authentication: z.optional(z.nullable(jsonObject())),
        conditions: z.optional(z.nullable(jsonObject())),
        claims: z.optional(z.nullable(z.record(z.string(), samlAttributeStatementSchema()))),
        lifetime: z.optional(z.nullable(jsonObject())),
      }),
    }),
  }),
);
export type SamlRequest = LazyOutput<typeof samlRequestSchema>;

// --- password import (§5) ---------------------------------------------------------------

export const passwordImportRequestSchema = lazySchema(() =>
  z.looseObject({
    ...envelopeFields(oktaEventTypeOf['password-import']),
    data: z.looseObject({
      context: z.looseObject({
        request: z.optional(z.nullable(requestContextSchema())),
        credential: z.looseObject({ username: nonEmptyString(), password: nonEmptyString() }),
      }),
      action: z.optional(z.nullable(z.looseObject({ credential: optionalString() }))),
    }),
  }),
);
export type PasswordImportRequest = LazyOutput<typeof passwordImportRequestSchema>;

// --- user import (§6) -------------------------------------------------------------------

export const userImportRequestSchema = lazySchema(() =>
  z.looseObject({
    ...envelopeFields(oktaEventTypeOf['user-import']),
    data: z.looseObject({
      context: z.looseObject({
        conflicts: z.optional(z.nullable(z.array(z.string()))),
        application: z.optional(
          z.nullable(
            z.looseObject({ name: optionalString(), id: optionalString(), label: optionalString(), status: optionalString() }),
          ),
        ),
        job: z.optional(z.nullable(z.looseObject({ id: optionalString(), type: optionalString() }))),
        /** The item shape is not documented (contract §11.7). */
        matches: z.optional(z.nullable(z.array(z.unknown()))),
        policy: z.optional(z.nullable(z.array(z.string()))),
      }),
      action: z.optional(z.nullable(z.looseObject({ result: optionalString() }))),
      appUser: z.looseObject({ profile: jsonObject() }),
      user: z.looseObject({ id: optionalString(), profile: jsonObject() }),
    }),
  }),
);
export type UserImportRequest = LazyOutput<typeof userImportRequestSchema>;

// --- telephony (§7) ---------------------------------------------------------------------

export const telephonyRequestTypes = [
  'com.okta.user.telephony.pre-enrollment',
  'com.okta.user.telephony.mfa-verification',
  'com.okta.user.telephony.account-unlock',
  'com.okta.user.telephony.password-reset',
] as const;

export const telephonyRequestSchema = lazySchema(() =>
  z.looseObject({
    ...envelopeFields(oktaEventTypeOf.telephony),
    requestType: optionalString(),
    data: z.looseObject({
      context: z.optional(z.nullable(z.looseObject({ request: z.optional(z.nullable(requestContextSchema())) }))),
      userProfile: z.optional(
        z.nullable(
          z.looseObject({
            firstName: optionalString(),
            lastName: optionalString(),
            login: optionalString(),
            userId: optionalString(),
          }),
        ),
      ),
      messageProfile: z.looseObject({
        msgTemplate: optionalString(),
        phoneNumber: nonEmptyString(),
        otpExpires: optionalString(),
        deliveryChannel: nonEmptyString(),
        otpCode: nonEmptyString(),
        locale: optionalString(),
      }),
    }),
  }),
);
export type TelephonyRequest = LazyOutput<typeof telephonyRequestSchema>;

/** Voice is anything but SMS; Okta's literal for voice varies (contract §11.2). */
export const isSmsDelivery = (deliveryChannel: string): boolean => deliveryChannel.trim().toLowerCase() === 'sms';

// --- all six ------------------------------------------------------------------------------

export interface InlineHookRequestOf {
  token: TokenRequest;
  registration: RegistrationRequest;
  saml: SamlRequest;
  'password-import': PasswordImportRequest;
  'user-import': UserImportRequest;
  telephony: TelephonyRequest;
}

export type InlineHookRequest = InlineHookRequestOf[InlineHookName];

export const inlineRequestSchemaOf: { [H in InlineHookName]: LazySchema<z.ZodMiniType<InlineHookRequestOf[H]>> } = {
  token: tokenRequestSchema,
  registration: registrationRequestSchema,
  saml: samlRequestSchema,
  'password-import': passwordImportRequestSchema,
  'user-import': userImportRequestSchema,
  telephony: telephonyRequestSchema,
};
