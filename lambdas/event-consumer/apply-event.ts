/**
 * What one Okta System Log event changes in our data (event hooks, contract §9):
 * - `user.import.password` SUCCESS: Okta has stored the password the password import hook
 *   verified, so the legacy hash is deleted;
 * - deactivation, deletion and reactivation: the user's record is marked or removed, so a
 *   departed user's data stops flowing into tokens and assertions.
 */
import type { EventAction, EventHookSettings } from '../shared/config/hook-settings';
import type { LogEvent } from '../shared/okta/event-hooks';
import type { UserLifecycleStore } from '../shared/stores/ports';

export type EventResult =
  | 'no-handler'
  | 'ignored'
  | 'outcome-not-success'
  | 'no-user-target'
  | 'no-record'
  | 'credential-deleted'
  | 'no-credential'
  | 'user-deactivated'
  | 'user-reactivated'
  | 'user-deleted';

interface UserTarget {
  oktaUserId?: string;
  login?: string;
}

const userTargetOf = (event: LogEvent): UserTarget | undefined => {
  const target = event.target?.find((candidate) => candidate.type === 'User');
  if (!target) return undefined;
  return {
    ...(target.id ? { oktaUserId: target.id } : {}),
    ...(target.alternateId && target.alternateId !== 'unknown' ? { login: target.alternateId } : {}),
  };
};

/** The login our records are keyed by: the record found by Okta user id, else the event's alternateId. */
const recordLoginOf = async (target: UserTarget, store: UserLifecycleStore, signal: AbortSignal): Promise<string | undefined> => {
  if (target.oktaUserId) {
    const record = await store.findUser({ by: 'oktaUserId', oktaUserId: target.oktaUserId }, signal);
    if (record) return record.login;
  }
  if (target.login) {
    const record = await store.findUser({ by: 'login', login: target.login }, signal);
    if (record) return record.login;
  }
  return undefined;
};

const requiresSuccess: ReadonlySet<EventAction> = new Set(['delete-legacy-credential', 'deactivate-user', 'reactivate-user', 'delete-user']);

export const applyEvent = async (
  event: LogEvent,
  settings: Pick<EventHookSettings, 'handlers'>,
  store: UserLifecycleStore,
  signal: AbortSignal,
  now: () => Date = () => new Date(),
): Promise<EventResult> => {
  const action = settings.handlers[event.eventType];
  if (action === undefined) return 'no-handler';
  if (action === 'ignore') return 'ignored';
  // A FAILURE means nothing happened in Okta: there is nothing to mirror.
  if (requiresSuccess.has(action) && event.outcome?.result !== 'SUCCESS') return 'outcome-not-success';
  const target = userTargetOf(event);
  if (!target) return 'no-user-target';

  if (action === 'delete-legacy-credential') {
    const login = target.login ?? (await recordLoginOf(target, store, signal));
    if (!login) return 'no-record';
    return (await store.deleteCredential(login, signal)) ? 'credential-deleted' : 'no-credential';
  }

  const login = await recordLoginOf(target, store, signal);
  if (!login) return 'no-record';
  switch (action) {
    case 'deactivate-user':
      await store.setUserStatus(login, 'deactivated', now(), signal);
      return 'user-deactivated';
    case 'reactivate-user':
      await store.setUserStatus(login, 'active', now(), signal);
      return 'user-reactivated';
    case 'delete-user':
      await store.deleteUser(login, signal);
      return 'user-deleted';
  }
};
