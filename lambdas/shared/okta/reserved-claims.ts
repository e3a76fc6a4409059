/**
 * Claims a token hook may never add, replace or remove (contract §2, "Reserved claims",
 * as of the last full reference). `aud` and `sub` are reserved in ID tokens only.
 */
import type { TokenKind } from './responses';

const reservedInBoth = [
  'acr',
  'auth_time',
  'cid',
  'cnf',
  'exp',
  'groups',
  'iat',
  'iss',
  'jti',
  'sid',
  'token_type',
  'ver',
] as const;

const reservedInAccessOnly = ['as_uri', 'authorization_details', 'rpt', 'rsi', 'scp', 'uid', 'username'] as const;

const reservedInIdentityOnly = [
  'active',
  'aid',
  'amr',
  'app_id',
  'app_type',
  'at_hash',
  'aud',
  'c_hash',
  'client_id',
  'client_ip',
  'client_req_id',
  'client_type',
  'client_user_agent',
  'device_compliance',
  'device_id',
  'device_known',
  'device_managed',
  'device_name',
  'device_trust',
  'did',
  'dst',
  'group',
  'hotk',
  'idp',
  'idp_iss',
  'mac_key',
  'may_act',
  'nonce',
  'oid',
  'okta_emailVerified',
  'okta_lastUpdated',
  'orig',
  'permissions',
  'purpose',
  'pwd_exp_days',
  'pwd_exp_time',
  'rid',
  'role',
  'scope',
  'scopes',
  'sub',
  'term',
  'user_ip',
] as const;

const reservedClaimsOf: Record<TokenKind, ReadonlySet<string>> = {
  identity: new Set<string>([...reservedInBoth, ...reservedInIdentityOnly]),
  access: new Set<string>([...reservedInBoth, ...reservedInAccessOnly]),
};

export const isReservedClaim = (kind: TokenKind, claim: string): boolean => reservedClaimsOf[kind].has(claim);

export const reservedClaims = (kind: TokenKind): readonly string[] => [...reservedClaimsOf[kind]];
