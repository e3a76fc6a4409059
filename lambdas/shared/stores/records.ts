/**
 * The items of the hook table, their keys, and what the hooks read from them. Items are
 * validated when read: a malformed item is a dependency failure, never a silent default.
 */
import * as z from 'zod/mini';
import { lazySchema, type LazyOutput } from '../validation/lazy-schema';

/** Okta logins are case-insensitive: keys use the trimmed, lower-cased form. */
export const normalizeLogin = (login: string): string => login.trim().toLowerCase();

export const tableKeys = {
  user: (login: string) => ({ pk: `USER#${normalizeLogin(login)}`, sk: 'PROFILE' }),
  credential: (login: string) => ({ pk: `USER#${normalizeLogin(login)}`, sk: 'CREDENTIAL' }),
  link: (namespace: string, externalId: string) => ({ pk: `LINK#${namespace}#${externalId}`, sk: 'LINK' }),
  code: (codeSet: string, code: string) => ({ pk: `CODE#${codeSet}`, sk: `CODE#${code}` }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' }),
  oktaUserIndex: (oktaUserId: string) => `OKTA#${oktaUserId}`,
} as const;

/** Attribute values as DynamoDB returns them through the document client. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
let attributeValueSchema: z.ZodMiniType<AttributeValue> | undefined;
const attributeValue = (): z.ZodMiniType<AttributeValue> =>
  (attributeValueSchema ??= z.lazy(() =>
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(attributeValue()), z.record(z.string(), attributeValue())]),
  ));

export const userStatuses = ['active', 'deactivated'] as const;

export const userRecordSchema = lazySchema(() =>
  z.looseObject({
    login: z.string().check(z.minLength(1)),
    oktaUserId: z.optional(z.string().check(z.minLength(1))),
    /** What hooks turn into claims, SAML attributes and profile attributes. */
    attributes: z._default(z.record(z.string(), attributeValue()), {}),
    /** Set by the event hook consumer when Okta deactivates or deletes the user. */
    status: z._default(z.enum(userStatuses), 'active'),
  }),
);
export type UserRecord = LazyOutput<typeof userRecordSchema>;

export const credentialRecordSchema = lazySchema(() =>
  z.looseObject({
    login: z.string().check(z.minLength(1)),
    /** The legacy hash in one of the formats of `legacy-hash.ts`. */
    hash: z.string().check(z.minLength(1)),
    /** When the password import hook last answered VERIFIED. */
    migratedAt: z.optional(z.string()),
  }),
);
export type CredentialRecord = LazyOutput<typeof credentialRecordSchema>;

export const linkRecordSchema = lazySchema(() =>
  z.looseObject({
    namespace: z.string().check(z.minLength(1)),
    externalId: z.string().check(z.minLength(1)),
    oktaUserId: z.string().check(z.minLength(1)),
  }),
);
export type LinkRecord = LazyOutput<typeof linkRecordSchema>;

export const codeRecordSchema = lazySchema(() =>
  z.looseObject({
    codeSet: z.string().check(z.minLength(1)),
    code: z.string().check(z.minLength(1)),
    value: z.string(),
  }),
);
export type CodeRecord = LazyOutput<typeof codeRecordSchema>;

// --- records as the import tool and local mode write them ---------------------------------------

const importUserSchema = () =>
  z.strictObject({
    kind: z.literal('user'),
    login: z.string().check(z.minLength(1), z.maxLength(512)),
    oktaUserId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    attributes: z._default(z.record(z.string().check(z.minLength(1)), attributeValue()), {}),
  });
const importCredentialSchema = () =>
  z.strictObject({
    kind: z.literal('credential'),
    login: z.string().check(z.minLength(1), z.maxLength(512)),
    hash: z.string().check(z.minLength(1), z.maxLength(1024)),
  });
const importLinkSchema = () =>
  z.strictObject({
    kind: z.literal('link'),
    namespace: z.string().check(z.minLength(1), z.maxLength(256)),
    externalId: z.string().check(z.minLength(1), z.maxLength(512)),
    oktaUserId: z.string().check(z.minLength(1), z.maxLength(64)),
  });
const importCodeSchema = () =>
  z.strictObject({
    kind: z.literal('code'),
    codeSet: z.string().check(z.minLength(1), z.maxLength(256)),
    code: z.string().check(z.minLength(1), z.maxLength(512)),
    value: z.string().check(z.maxLength(2048)),
  });

export const importRecordSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [importUserSchema(), importCredentialSchema(), importLinkSchema(), importCodeSchema()]),
);
export type ImportRecord = LazyOutput<typeof importRecordSchema>;
export type ImportRecordInput = z.input<(typeof importRecordSchema)['schema']>;

/** Attributes the hooks write on items; a re-import keeps them (see the import tool). */
export const hookOwnedAttributes: Readonly<Record<ImportRecord['kind'], readonly string[]>> = {
  user: ['status', 'deactivatedAt'],
  credential: ['migratedAt', 'verifiedCount'],
  link: [],
  code: [],
};

/** The table item for a record: its keys, its kind and its fields. */
export const tableItemOf = (record: ImportRecord): Record<string, unknown> => {
  switch (record.kind) {
    case 'user':
      return {
        ...tableKeys.user(record.login),
        kind: 'user',
        login: normalizeLogin(record.login),
        attributes: record.attributes,
        ...(record.oktaUserId
          ? { oktaUserId: record.oktaUserId, gsi1pk: tableKeys.oktaUserIndex(record.oktaUserId) }
          : {}),
      };
    case 'credential':
      return { ...tableKeys.credential(record.login), kind: 'credential', login: normalizeLogin(record.login), hash: record.hash };
    case 'link':
      return { ...tableKeys.link(record.namespace, record.externalId), ...record };
    case 'code':
      return { ...tableKeys.code(record.codeSet, record.code), ...record };
  }
};
