/**
 * What a hook may answer (contract §1.4 and the "Response" part of §§2–7), as types and
 * builders. Builders only produce well-formed commands; {@link ./checker} decides whether a
 * whole answer is acceptable for a given request.
 */
import { buildPointer } from './json-pointer';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// --- error object (§1.4) ------------------------------------------------------------------

export const errorLocationTypes = ['body', 'header', 'url', 'query'] as const;
export type ErrorLocationType = (typeof errorLocationTypes)[number];

export interface OktaErrorCause {
  errorSummary: string;
  reason?: string;
  locationType?: ErrorLocationType;
  /** JSON path into the request, e.g. `data.userProfile.email`; the Sign-In Widget shows the cause beside that field. */
  location?: string;
  domain?: string;
}

export interface OktaError {
  errorSummary?: string;
  errorCauses?: OktaErrorCause[];
}

export const oktaError = (errorSummary: string, errorCauses?: OktaErrorCause[]): OktaError =>
  errorCauses && errorCauses.length > 0 ? { errorSummary, errorCauses } : { errorSummary };

/** An error cause aimed at the end user, shown beside the named profile attribute. */
export const profileFieldCause = (attribute: string, errorSummary: string, reason: string): OktaErrorCause => ({
  errorSummary,
  reason,
  locationType: 'body',
  location: `data.userProfile.${attribute}`,
  domain: 'end-user',
});

// --- token (§2) ---------------------------------------------------------------------------

export type TokenKind = 'identity' | 'access';
export const tokenCommandTypeOf = {
  identity: 'com.okta.identity.patch',
  access: 'com.okta.access.patch',
} as const satisfies Record<TokenKind, string>;

export type TokenPatchOperation =
  | { op: 'add' | 'replace'; path: string; value: JsonValue }
  | { op: 'remove'; path: string; value?: null };

export interface TokenCommand {
  type: (typeof tokenCommandTypeOf)[TokenKind];
  value: TokenPatchOperation[];
}

export const TOKEN_LIFETIME_PATH = '/token/lifetime/expiration';
export const TOKEN_LIFETIME_MIN_SECONDS = 300;
export const TOKEN_LIFETIME_MAX_SECONDS = 86_400;

/** `add` on a claim: creates it, or (Okta's documented quirk) overwrites an existing one. */
export const addClaim = (claim: string, value: JsonValue): TokenPatchOperation => ({
  op: 'add',
  path: buildPointer(['claims', claim]),
  value,
});

/** `add` at `/claims/<claim>/-` appends to an array claim that is already in the token. */
export const appendToClaim = (claim: string, value: JsonValue): TokenPatchOperation => ({
  op: 'add',
  path: `${buildPointer(['claims', claim])}/-`,
  value,
});

export const replaceClaim = (claim: string, value: JsonValue): TokenPatchOperation => ({
  op: 'replace',
  path: buildPointer(['claims', claim]),
  value,
});

export const removeClaim = (claim: string): TokenPatchOperation => ({ op: 'remove', path: buildPointer(['claims', claim]) });

export const setTokenLifetime = (seconds: number): TokenPatchOperation => ({
  op: 'replace',
  path: TOKEN_LIFETIME_PATH,
  value: seconds,
});

export const tokenPatch = (kind: TokenKind, operations: TokenPatchOperation[]): TokenCommand => ({
  type: tokenCommandTypeOf[kind],
  value: operations,
});

// --- registration (§3) --------------------------------------------------------------------

export type ProfileValue = JsonPrimitive | JsonPrimitive[];
export type ProfileAttributes = { [attribute: string]: ProfileValue };
export type RegistrationDecision = 'ALLOW' | 'DENY';

export type RegistrationCommand =
  | { type: 'com.okta.user.profile.update'; value: ProfileAttributes }
  | { type: 'com.okta.user.progressive.profile.update'; value: ProfileAttributes }
  | { type: 'com.okta.action.update'; value: { registration: RegistrationDecision } };

export const registrationDecision = (registration: RegistrationDecision): RegistrationCommand => ({
  type: 'com.okta.action.update',
  value: { registration },
});

/** Sets attributes on a self-service (or Classic) registration; not valid for progressive profile. */
export const registrationProfileUpdate = (attributes: ProfileAttributes): RegistrationCommand => ({
  type: 'com.okta.user.profile.update',
  value: attributes,
});

export const progressiveProfileUpdate = (attributes: ProfileAttributes): RegistrationCommand => ({
  type: 'com.okta.user.progressive.profile.update',
  value: attributes,
});

// --- SAML assertion (§4) ------------------------------------------------------------------

export interface SamlPatchOperation {
  op: 'add' | 'replace';
  path: string;
  value: JsonValue;
}

export interface SamlCommand {
  type: 'com.okta.assertion.patch';
  value: SamlPatchOperation[];
}

export const SAML_NAME_FORMAT_BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
export const SAML_NAME_FORMAT_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
export const SAML_NAME_FORMAT_UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';
export const SAML_SESSION_LIFETIME_PATH = '/authentication/sessionLifetime';

const samlNameFormats: Record<string, string> = {
  basic: SAML_NAME_FORMAT_BASIC,
  uri: SAML_NAME_FORMAT_URI,
  unspecified: SAML_NAME_FORMAT_UNSPECIFIED,
};

/** `basic`, `uri` and `unspecified` stand for their URNs; anything else is taken as a NameFormat URN. */
export const samlNameFormat = (format: string): string => samlNameFormats[format] ?? format;

export interface SamlAttributeStatement {
  [key: string]: JsonValue;
  attributes: { NameFormat: string };
  attributeValues: { attributes: { 'xsi:type': string }; value: string | number }[];
}

/** A full attribute statement, the form Okta needs to add a new attribute. */
export const samlAttributeStatement = (
  values: readonly (string | number)[],
  options: { nameFormat?: string; xsiType?: string } = {},
): SamlAttributeStatement => ({
  attributes: { NameFormat: options.nameFormat ?? SAML_NAME_FORMAT_BASIC },
  attributeValues: values.map((value) => ({
    attributes: { 'xsi:type': options.xsiType ?? (typeof value === 'number' ? 'xs:integer' : 'xs:string') },
    value,
  })),
});

/** Adds (or, for an existing name, replaces) an attribute statement; URI names are escaped. */
export const addSamlAttribute = (name: string, statement: SamlAttributeStatement): SamlPatchOperation => ({
  op: 'add',
  path: buildPointer(['claims', name]),
  value: statement,
});

/** Replaces a whole attribute statement that is already in the assertion. */
export const replaceSamlAttribute = (name: string, statement: SamlAttributeStatement): SamlPatchOperation => ({
  op: 'replace',
  path: buildPointer(['claims', name]),
  value: statement,
});

/** Replaces one value of an attribute that is already in the assertion. */
export const replaceSamlAttributeValue = (name: string, index: number, value: string | number): SamlPatchOperation => ({
  op: 'replace',
  path: buildPointer(['claims', name, 'attributeValues', index, 'value']),
  value,
});

/** Okta sets `SessionNotOnOrAfter` to the issue instant plus this many seconds. */
export const setSamlSessionLifetime = (seconds: number): SamlPatchOperation => ({
  op: 'add',
  path: SAML_SESSION_LIFETIME_PATH,
  value: seconds,
});

export const assertionPatch = (operations: SamlPatchOperation[]): SamlCommand => ({
  type: 'com.okta.assertion.patch',
  value: operations,
});

// --- password import (§5) -----------------------------------------------------------------

export type CredentialVerdict = 'VERIFIED' | 'UNVERIFIED';

export interface PasswordImportCommand {
  type: 'com.okta.action.update';
  value: { credential: CredentialVerdict };
}

export const credentialVerdict = (credential: CredentialVerdict): PasswordImportCommand => ({
  type: 'com.okta.action.update',
  value: { credential },
});

// --- user import (§6) ---------------------------------------------------------------------

export type ImportResult = 'CREATE_USER' | 'LINK_USER';

export type UserImportCommand =
  | { type: 'com.okta.appUser.profile.update'; value: ProfileAttributes }
  | { type: 'com.okta.user.profile.update'; value: ProfileAttributes }
  | { type: 'com.okta.action.update'; value: { result: ImportResult } }
  | { type: 'com.okta.user.update'; value: { id: string } };

export const createUserResult = (): UserImportCommand => ({
  type: 'com.okta.action.update',
  value: { result: 'CREATE_USER' },
});

/** LINK_USER is only valid together with the user to link to, so both come as a pair. */
export const linkToUser = (oktaUserId: string): [UserImportCommand, UserImportCommand] => [
  { type: 'com.okta.action.update', value: { result: 'LINK_USER' } },
  { type: 'com.okta.user.update', value: { id: oktaUserId } },
];

export const importUserProfileUpdate = (attributes: ProfileAttributes): UserImportCommand => ({
  type: 'com.okta.user.profile.update',
  value: attributes,
});

export const importAppUserProfileUpdate = (attributes: ProfileAttributes): UserImportCommand => ({
  type: 'com.okta.appUser.profile.update',
  value: attributes,
});

// --- telephony (§7) -----------------------------------------------------------------------

export const telephonyStatuses = ['SUCCESSFUL', 'PENDING', 'FAILED'] as const;
export type TelephonyStatus = (typeof telephonyStatuses)[number];

export interface TelephonyActionResult {
  status: TelephonyStatus;
  provider?: string;
  transactionId?: string;
  transactionMetadata?: string;
}

export interface TelephonyCommand {
  type: 'com.okta.telephony.action';
  value: TelephonyActionResult[];
}

export const telephonyAction = (result: TelephonyActionResult): TelephonyCommand => ({
  type: 'com.okta.telephony.action',
  value: [result],
});

// --- whole answers --------------------------------------------------------------------------

export interface HookResponseBody<TCommand> {
  commands?: TCommand[];
  error?: OktaError;
  /** Copied by Okta into the System Log event `inline_hook.response.processed`. */
  debugContext?: JsonObject;
}

export type HookAnswer<TCommand> = { status: 204 } | { status: 200; body: HookResponseBody<TCommand> };

export interface CommandOf {
  token: TokenCommand;
  registration: RegistrationCommand;
  saml: SamlCommand;
  'password-import': PasswordImportCommand;
  'user-import': UserImportCommand;
  telephony: TelephonyCommand;
}

/** 204: Okta goes on as if the hook had not been called (not valid for telephony). */
export const noChange = (): { status: 204 } => ({ status: 204 });

export const withCommands = <TCommand>(commands: TCommand[]): HookAnswer<TCommand> => ({
  status: 200,
  body: { commands },
});

export const withError = <TCommand>(error: OktaError, commands?: TCommand[]): HookAnswer<TCommand> => ({
  status: 200,
  body: commands && commands.length > 0 ? { commands, error } : { error },
});
