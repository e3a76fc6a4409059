/**
 * Token inline hook (contract §2): looks the user up and adds the mapped attributes as claims
 * to the tokens Okta asked for, optionally changing their lifetime.
 */
import type { TokenSettings } from '../shared/config/hook-settings';
import type { TokenRequest } from '../shared/okta/requests';
import { isReservedClaim } from '../shared/okta/reserved-claims';
import {
  addClaim,
  noChange,
  oktaError,
  replaceClaim,
  setTokenLifetime,
  tokenPatch,
  withCommands,
  withError,
  type HookAnswer,
  type TokenCommand,
  type TokenKind,
  type TokenPatchOperation,
} from '../shared/okta/responses';
import type { DecisionContext } from '../shared/runtime/answer-okta';
import { claimValueOf } from '../shared/stores/attribute-values';
import type { UserDirectory, UserKey } from '../shared/stores/ports';
import type { UserRecord } from '../shared/stores/records';

export interface TokenHookDependencies {
  users: UserDirectory;
}

const tokenKinds: readonly TokenKind[] = ['identity', 'access'];

/** The key the configuration names, from the request; undefined when there is no user (client credentials). */
export const userKeyOfTokenRequest = (request: TokenRequest, lookup: TokenSettings['lookup']): UserKey | undefined => {
  const { user, session } = request.data.context;
  switch (lookup.by) {
    case 'login': {
      const login = user?.profile.login ?? session?.login;
      return login ? { by: 'login', login } : undefined;
    }
    case 'oktaUserId': {
      const oktaUserId = user?.id ?? session?.userId;
      return oktaUserId ? { by: 'oktaUserId', oktaUserId } : undefined;
    }
    case 'claim': {
      const value = request.data[lookup.token]?.claims[lookup.claim];
      if (typeof value !== 'string' || value === '') return undefined;
      return lookup.holds === 'login' ? { by: 'login', login: value } : { by: 'oktaUserId', oktaUserId: value };
    }
  }
};

const claimOperations = (
  record: UserRecord,
  settings: TokenSettings,
  kind: TokenKind,
  existingClaims: Record<string, unknown>,
): TokenPatchOperation[] =>
  settings.claims.flatMap((mapping) => {
    // Configuration validation already refuses reserved claims; this keeps the rule local too.
    if (!mapping.tokens.includes(kind) || isReservedClaim(kind, mapping.claim)) return [];
    const value = claimValueOf(record.attributes[mapping.attribute]);
    if (value === undefined) return [];
    return [Object.hasOwn(existingClaims, mapping.claim) ? replaceClaim(mapping.claim, value) : addClaim(mapping.claim, value)];
  });

export const enrichToken = async (
  request: TokenRequest,
  settings: TokenSettings,
  { users }: TokenHookDependencies,
  context: DecisionContext,
): Promise<HookAnswer<TokenCommand>> => {
  const requested = tokenKinds.filter((kind) => request.data[kind]);
  let record: UserRecord | undefined;

  if (settings.claims.length > 0) {
    const key = userKeyOfTokenRequest(request, settings.lookup);
    if (!key) {
      // No user in this flow (client credentials): nothing to look up, nothing to deny.
      context.note('lookup', 'no-user');
    } else {
      const found = await users.findUser(key, context.signal);
      record = found?.status === 'active' ? found : undefined;
      context.note('lookup', found ? (record ? 'found' : 'deactivated') : 'not-found');
      if (!record && settings.userNotFound === 'deny') return withError(oktaError(settings.denyMessage));
    }
  }

  const commands = requested.flatMap((kind) => {
    const claims = request.data[kind]?.claims ?? {};
    const lifetime = settings.lifetimeSeconds[kind];
    const operations = [
      ...(record ? claimOperations(record, settings, kind, claims) : []),
      ...(lifetime === undefined ? [] : [setTokenLifetime(lifetime)]),
    ];
    return operations.length > 0 ? [tokenPatch(kind, operations)] : [];
  });
  return commands.length > 0 ? withCommands(commands) : noChange();
};
