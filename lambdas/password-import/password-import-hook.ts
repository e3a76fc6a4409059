/**
 * Password import inline hook (contract §5): checks the password the user typed against the
 * legacy hash and answers VERIFIED or UNVERIFIED. A lookup failure, a timeout or an unusable
 * hash is never VERIFIED: it throws, and the runtime answers with the fail policy.
 * The password is never logged, stored or echoed.
 */
import type { PasswordImportSettings } from '../shared/config/hook-settings';
import type { PasswordImportRequest } from '../shared/okta/requests';
import { credentialVerdict, withCommands, type HookAnswer, type PasswordImportCommand } from '../shared/okta/responses';
import type { DecisionContext } from '../shared/runtime/answer-okta';
import { DependencyFailure } from '../shared/stores/dependency-failure';
import type { LegacyCredentialStore } from '../shared/stores/ports';
import { UnsupportedHashFormat, verifyLegacyPassword } from './legacy-hash';

export interface PasswordImportDependencies {
  credentials: LegacyCredentialStore;
  now?: () => Date;
}

/** Recording the migration is worth doing only with this much time left; VERIFIED matters more. */
const MIGRATION_RECORD_MIN_REMAINING_MS = 300;

const verdict = (credential: 'VERIFIED' | 'UNVERIFIED'): HookAnswer<PasswordImportCommand> =>
  withCommands([credentialVerdict(credential)]);

/** Settles with the work's outcome, or `false` once `ms` have passed, whichever is first. */
const settledWithin = (work: Promise<unknown>, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });

export const verifyImportedPassword = async (
  request: PasswordImportRequest,
  settings: PasswordImportSettings,
  { credentials, now = () => new Date() }: PasswordImportDependencies,
  context: DecisionContext,
): Promise<HookAnswer<PasswordImportCommand>> => {
  const { username, password } = request.data.context.credential;
  const record = await credentials.findCredential(username, context.signal);
  if (!record) {
    context.note('credential', 'not-found');
    return verdict('UNVERIFIED');
  }

  let result: Awaited<ReturnType<typeof verifyLegacyPassword>>;
  try {
    result = await verifyLegacyPassword(password, record.hash);
  } catch (error) {
    if (error instanceof UnsupportedHashFormat) {
      throw new DependencyFailure('legacy credentials', error.message);
    }
    throw error;
  }
  context.note('algorithm', result.algorithm);
  if (!result.matches) return verdict('UNVERIFIED');

  if (settings.recordMigration) {
    // Best effort, bounded: the hash stays either way, and the event hook removes it once
    // Okta reports the password stored (user.import.password SUCCESS).
    const budget = context.remainingMs() - MIGRATION_RECORD_MIN_REMAINING_MS;
    const recorded = budget > 0 && (await settledWithin(credentials.recordMigration(username, now(), context.signal), budget));
    context.note('migrationRecorded', recorded);
  }
  return verdict('VERIFIED');
};
