/**
 * SAML assertion inline hook (contract §4): adds or replaces attribute statements with values
 * from the user's record, and optionally sets the session lifetime.
 */
import type { SamlSettings } from '../shared/config/hook-settings';
import type { SamlRequest } from '../shared/okta/requests';
import {
  addSamlAttribute,
  assertionPatch,
  noChange,
  oktaError,
  replaceSamlAttribute,
  replaceSamlAttributeValue,
  samlAttributeStatement,
  samlNameFormat,
  setSamlSessionLifetime,
  withCommands,
  withError,
  type HookAnswer,
  type SamlCommand,
  type SamlPatchOperation,
} from '../shared/okta/responses';
import type { DecisionContext } from '../shared/runtime/answer-okta';
import { samlValuesOf } from '../shared/stores/attribute-values';
import type { UserDirectory, UserKey } from '../shared/stores/ports';
import type { UserRecord } from '../shared/stores/records';

export interface SamlHookDependencies {
  users: UserDirectory;
}

export const userKeyOfSamlRequest = (request: SamlRequest, by: SamlSettings['lookup']['by']): UserKey | undefined => {
  const { user, session } = request.data.context;
  if (by === 'oktaUserId') {
    const oktaUserId = user?.id ?? session?.userId;
    return oktaUserId ? { by, oktaUserId } : undefined;
  }
  const login = user?.profile.login ?? session?.login;
  return login ? { by, login } : undefined;
};

const attributeOperations = (request: SamlRequest, settings: SamlSettings, record: UserRecord): SamlPatchOperation[] =>
  settings.attributes.flatMap((mapping) => {
    const found = samlValuesOf(record.attributes[mapping.attribute]);
    if (found.length === 0) return [];
    const values = mapping.xsiType === 'xs:string' ? found.map(String) : found;
    const statement = samlAttributeStatement(values, { nameFormat: samlNameFormat(mapping.nameFormat), xsiType: mapping.xsiType });
    const existingValues = request.data.assertion.claims?.[mapping.name]?.attributeValues;
    if (!request.data.assertion.claims?.[mapping.name]) return [addSamlAttribute(mapping.name, statement)];
    // Same number of values: replace each value, the form the reference documents.
    if (existingValues && existingValues.length === values.length) {
      return values.map((value, index) => replaceSamlAttributeValue(mapping.name, index, value));
    }
    return [replaceSamlAttribute(mapping.name, statement)];
  });

export const enrichAssertion = async (
  request: SamlRequest,
  settings: SamlSettings,
  { users }: SamlHookDependencies,
  context: DecisionContext,
): Promise<HookAnswer<SamlCommand>> => {
  const operations: SamlPatchOperation[] = [];
  if (settings.attributes.length > 0) {
    const key = userKeyOfSamlRequest(request, settings.lookup.by);
    const found = key ? await users.findUser(key, context.signal) : undefined;
    const record = found?.status === 'active' ? found : undefined;
    context.note('lookup', !key ? 'no-user' : found ? (record ? 'found' : 'deactivated') : 'not-found');
    if (record) operations.push(...attributeOperations(request, settings, record));
    else if (key && settings.userNotFound === 'deny') return withError(oktaError(settings.denyMessage));
  }
  if (settings.sessionLifetimeSeconds !== undefined) operations.push(setSamlSessionLifetime(settings.sessionLifetimeSeconds));
  return operations.length > 0 ? withCommands([assertionPatch(operations)]) : noChange();
};
