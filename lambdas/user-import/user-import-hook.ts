/**
 * User import inline hook (contract §6): transforms profile attributes by configuration
 * (normalising e-mail addresses, mapping codes through the table) and decides between
 * CREATE_USER and LINK_USER from the link records. LINK_USER always comes with the user.
 */
import type { UserImportSettings } from '../shared/config/hook-settings';
import type { UserImportRequest } from '../shared/okta/requests';
import {
  createUserResult,
  importAppUserProfileUpdate,
  importUserProfileUpdate,
  linkToUser,
  noChange,
  oktaError,
  withCommands,
  withError,
  type HookAnswer,
  type ProfileAttributes,
  type UserImportCommand,
} from '../shared/okta/responses';
import type { DecisionContext } from '../shared/runtime/answer-okta';
import type { CodeTable, LinkDirectory } from '../shared/stores/ports';

export interface UserImportDependencies {
  links: LinkDirectory;
  codes: CodeTable;
}

type Transform = UserImportSettings['transforms'][number];

const normalizers: Record<NonNullable<Transform['normalize']>, (value: string) => string> = {
  // Okta logins and e-mail are case-insensitive; stray whitespace comes from CSV exports.
  email: (value) => value.trim().toLowerCase(),
  trim: (value) => value.trim(),
  lowercase: (value) => value.toLowerCase(),
  uppercase: (value) => value.toUpperCase(),
};

/** A transform's result: the new value, nothing to do, or a code the configuration rejects. */
type TransformOutcome = { value: string } | { skipped: true } | { unknownCode: Transform };

const applyTransform = async (
  transform: Transform,
  request: UserImportRequest,
  codes: CodeTable,
  signal: AbortSignal,
): Promise<TransformOutcome> => {
  const source = transform.from ?? { profile: 'appUser', attribute: transform.attribute };
  const raw = (source.profile === 'appUser' ? request.data.appUser.profile : request.data.user.profile)[source.attribute];
  if (typeof raw !== 'string' && typeof raw !== 'number') return { skipped: true };
  let value = String(raw);
  if (transform.normalize) value = normalizers[transform.normalize](value);
  if (transform.codeSet) {
    const code = await codes.findCode(transform.codeSet, value, signal);
    if (code) value = code.value;
    else if (transform.onUnknownCode === 'reject') return { unknownCode: transform };
  }
  return { value };
};

export const transformImportedUser = async (
  request: UserImportRequest,
  settings: UserImportSettings,
  { links, codes }: UserImportDependencies,
  context: DecisionContext,
): Promise<HookAnswer<UserImportCommand>> => {
  const externalId = request.data.appUser.profile[settings.externalIdAttribute];
  const namespace = settings.linkNamespace ?? request.data.context.application?.name ?? 'default';
  const hasExternalId = typeof externalId === 'string' && externalId !== '';

  // The lookups are independent: run them side by side.
  const [outcomes, link] = await Promise.all([
    Promise.all(settings.transforms.map((transform) => applyTransform(transform, request, codes, context.signal))),
    hasExternalId ? links.findLink(namespace, externalId, context.signal) : undefined,
  ]);

  const rejected = outcomes.find((outcome) => 'unknownCode' in outcome);
  if (rejected && 'unknownCode' in rejected) {
    const { attribute, codeSet = '' } = rejected.unknownCode;
    context.note('rejected', `unknown ${codeSet} code`);
    return withError(oktaError(`The ${attribute} value is not a known ${codeSet} code.`));
  }

  const userUpdates: ProfileAttributes = {};
  const appUserUpdates: ProfileAttributes = {};
  settings.transforms.forEach((transform, index) => {
    const outcome = outcomes[index];
    if (!outcome || !('value' in outcome)) return;
    const { value } = outcome;
    const target = transform.target === 'user' ? request.data.user.profile : request.data.appUser.profile;
    if (target[transform.attribute] === value) return;
    (transform.target === 'user' ? userUpdates : appUserUpdates)[transform.attribute] = value;
  });

  const matchedByOkta = request.data.action?.result === 'LINK_USER';
  const decision = link
    ? linkToUser(link.oktaUserId)
    : matchedByOkta && settings.unlinkedMatch === 'create'
      ? [createUserResult()]
      : [];
  context.note('link', link ? 'found' : hasExternalId ? 'not-found' : 'no-external-id');

  const commands: UserImportCommand[] = [
    ...(Object.keys(userUpdates).length > 0 ? [importUserProfileUpdate(userUpdates)] : []),
    ...(Object.keys(appUserUpdates).length > 0 ? [importAppUserProfileUpdate(appUserUpdates)] : []),
    ...decision,
  ];
  return commands.length > 0 ? withCommands(commands) : noChange();
};
