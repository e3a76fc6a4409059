/**
 * The small interfaces the hooks' pure logic depends on. The DynamoDB adapter implements them
 * all; tests and local mode use the same adapter against dynalite. Every call takes the
 * deadline's abort signal. Failures are `DependencyFailure`s.
 */
import type { JsonObject } from '../okta/responses';
import type { CodeRecord, CredentialRecord, LinkRecord, UserRecord } from './records';

export type UserKey = { by: 'login'; login: string } | { by: 'oktaUserId'; oktaUserId: string };

export interface UserDirectory {
  /** The user's record, including deactivated ones (callers decide what that means). */
  findUser(key: UserKey, signal: AbortSignal): Promise<UserRecord | undefined>;
}

export interface LegacyCredentialStore {
  findCredential(login: string, signal: AbortSignal): Promise<CredentialRecord | undefined>;
  /** Marks the credential as migrated without deleting the hash (Okta may call again). */
  recordMigration(login: string, at: Date, signal: AbortSignal): Promise<void>;
}

export interface LinkDirectory {
  findLink(namespace: string, externalId: string, signal: AbortSignal): Promise<LinkRecord | undefined>;
}

export interface CodeTable {
  findCode(codeSet: string, code: string, signal: AbortSignal): Promise<CodeRecord | undefined>;
}

export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'in-progress' }
  | { state: 'completed'; result: JsonObject };

/** At-most-once work per key: a conditional write decides who does it. */
export interface IdempotencyStore {
  /** `ttlSeconds` bounds an unfinished claim: after it, the key can be claimed again. */
  claim(scope: string, key: string, ttlSeconds: number, signal: AbortSignal): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, result: JsonObject, ttlSeconds: number, signal: AbortSignal): Promise<void>;
  /** Gives an unfinished claim up, so a retry can do the work. */
  release(scope: string, key: string, signal: AbortSignal): Promise<void>;
}

/** What the event hook consumer changes when Okta reports a user's lifecycle. */
export interface UserLifecycleStore {
  findUser(key: UserKey, signal: AbortSignal): Promise<UserRecord | undefined>;
  setUserStatus(login: string, status: UserRecord['status'], at: Date, signal: AbortSignal): Promise<void>;
  /** Removes the user's record and legacy credential. */
  deleteUser(login: string, signal: AbortSignal): Promise<void>;
  /** Removes the legacy hash once Okta has stored the password; reports whether there was one. */
  deleteCredential(login: string, signal: AbortSignal): Promise<boolean>;
}
