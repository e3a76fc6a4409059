/**
 * Registration inline hook (contract §3): self-service registration, progressive profile and
 * the Classic form. Allows or denies by e-mail domain, and sets profile attributes from
 * domain rules and from the user's record (e.g. HR data).
 */
import type { RegistrationSettings } from '../shared/config/hook-settings';
import { registrationVariantOf, type RegistrationRequest } from '../shared/okta/requests';
import {
  noChange,
  oktaError,
  profileFieldCause,
  progressiveProfileUpdate,
  registrationDecision,
  registrationProfileUpdate,
  withCommands,
  withError,
  type HookAnswer,
  type ProfileAttributes,
  type RegistrationCommand,
} from '../shared/okta/responses';
import type { DecisionContext } from '../shared/runtime/answer-okta';
import { profileValueOf } from '../shared/stores/attribute-values';
import type { UserDirectory, UserKey } from '../shared/stores/ports';
import { domainMatchesAny, emailDomainOf } from './email-domains';

export interface RegistrationHookDependencies {
  users: UserDirectory;
}

const denial = (settings: RegistrationSettings): HookAnswer<RegistrationCommand> =>
  withError(
    oktaError(settings.denial.summary, [
      profileFieldCause(settings.emailAttribute, settings.denial.cause, settings.denial.reason),
    ]),
    [registrationDecision('DENY')],
  );

/** Whether the domain may register: the denied list first, then the allowed list if there is one. */
export const domainAllowed = (domain: string | undefined, settings: RegistrationSettings): boolean => {
  if (domain !== undefined && domainMatchesAny(domain, settings.deniedDomains)) return false;
  if (settings.allowedDomains.length === 0) return true;
  return domain !== undefined && domainMatchesAny(domain, settings.allowedDomains);
};

export const decideRegistration = async (
  request: RegistrationRequest,
  settings: RegistrationSettings,
  { users }: RegistrationHookDependencies,
  context: DecisionContext,
): Promise<HookAnswer<RegistrationCommand>> => {
  const variant = registrationVariantOf(request.requestType);
  context.note('variant', variant);
  if (variant === 'unknown') return noChange();

  const progressive = variant === 'progressive-profile';
  const currentUser = request.data.context?.user;
  // Progressive profile sends only the changed attributes; the rules look at the result.
  const profile: Record<string, unknown> = progressive
    ? { ...currentUser?.profile, ...request.data.userProfileUpdate }
    : { ...request.data.userProfile };
  const domain = emailDomainOf(profile[settings.emailAttribute]);

  // Domain rules need no I/O and run first: an outage of the table can never let a denied domain in.
  if (!domainAllowed(domain, settings)) {
    context.note('decision', 'denied-domain');
    return denial(settings);
  }

  const updates: ProfileAttributes = {};
  if (domain !== undefined) {
    for (const rule of settings.domainRules) {
      if (domainMatchesAny(domain, rule.domains)) Object.assign(updates, rule.set);
    }
  }

  if (settings.enrichment) {
    const login = profile.login ?? profile[settings.emailAttribute];
    const key: UserKey | undefined =
      progressive && currentUser
        ? { by: 'oktaUserId', oktaUserId: currentUser.id }
        : typeof login === 'string' && login !== ''
          ? { by: 'login', login }
          : undefined;
    const record = key ? await users.findUser(key, context.signal) : undefined;
    context.note('enrichment', record?.status === 'active' ? 'found' : 'not-found');
    if (record?.status === 'active') {
      for (const [recordAttribute, profileAttribute] of Object.entries(settings.enrichment.attributes)) {
        const value = profileValueOf(record.attributes[recordAttribute]);
        if (value !== undefined) updates[profileAttribute] = value;
      }
    }
  }

  if (Object.keys(updates).length === 0) return noChange();
  const update = progressive ? progressiveProfileUpdate(updates) : registrationProfileUpdate(updates);
  return withCommands([update, registrationDecision('ALLOW')]);
};
