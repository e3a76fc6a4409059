/**
 * The response checker: given a hook request and a candidate answer, says whether Okta would
 * accept it, and if not, every rule it breaks. It checks raw JSON (`unknown`), so the same
 * code guards our own answers in the runtime and judges a deployed service in the simulator.
 *
 * Rules and their sources are in the contract reference; section numbers are given inline.
 */
import { MAX_RESPONSE_BYTES, type InlineHookName } from './hook-types';
import { parsePointer } from './json-pointer';
import { isReservedClaim } from './reserved-claims';
import { registrationVariantOf, type InlineHookRequestOf, type SamlRequest, type TokenRequest } from './requests';
import {
  errorLocationTypes,
  SAML_SESSION_LIFETIME_PATH,
  telephonyStatuses,
  TOKEN_LIFETIME_MAX_SECONDS,
  TOKEN_LIFETIME_MIN_SECONDS,
  TOKEN_LIFETIME_PATH,
  tokenCommandTypeOf,
  type TokenKind,
} from './responses';

export interface CandidateAnswer {
  status: number;
  /** The parsed JSON body; `undefined` when there was none. */
  body?: unknown;
  /** The body as sent, when known, for the size rule; otherwise the body is serialised. */
  bodyText?: string;
}

export interface ContractVerdict {
  accepted: boolean;
  violations: string[];
}

type Exchange = { [H in InlineHookName]: { hook: H; request: InlineHookRequestOf[H] } }[InlineHookName];

interface CommandShape {
  type: string;
  value: unknown;
  /** Where the command sits in the body, for messages: `commands[2]`. */
  where: string;
}

type Report = (violation: string) => void;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isJsonValue = (value: unknown, depth = 0): boolean => {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (isPlainObject(value)) return Object.values(value).every((item) => isJsonValue(item, depth + 1));
  return false;
};

const isProfileScalar = (value: unknown): boolean =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

const describe = (value: unknown): string => {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** The JSON kind of a value, for messages that must not quote request or looked-up data. */
const kindOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a fractional number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

// --- shared pieces --------------------------------------------------------------------------

const checkErrorObject = (error: unknown, report: Report): void => {
  if (!isPlainObject(error)) {
    report('error must be an object {errorSummary, errorCauses[]}');
    return;
  }
  if ('errorSummary' in error && typeof error.errorSummary !== 'string') report('error.errorSummary must be a string');
  if (!('errorCauses' in error)) return;
  if (!Array.isArray(error.errorCauses)) {
    report('error.errorCauses must be an array');
    return;
  }
  error.errorCauses.forEach((cause: unknown, index) => {
    const where = `error.errorCauses[${index}]`;
    if (!isPlainObject(cause)) {
      report(`${where} must be an object`);
      return;
    }
    if (typeof cause.errorSummary !== 'string') report(`${where}.errorSummary must be a string`);
    for (const field of ['reason', 'location', 'domain'] as const) {
      if (field in cause && typeof cause[field] !== 'string') report(`${where}.${field} must be a string`);
    }
    if ('locationType' in cause && !(errorLocationTypes as readonly unknown[]).includes(cause.locationType)) {
      report(`${where}.locationType must be one of ${errorLocationTypes.join(', ')}`);
    }
  });
};

/** Profile updates are flat maps (contract §8) and never carry a password (§3, §6). */
const checkProfileAttributes = (value: unknown, where: string, report: Report): void => {
  if (!isPlainObject(value)) {
    report(`${where}.value must be an object of profile attributes`);
    return;
  }
  for (const [attribute, attributeValue] of Object.entries(value)) {
    if (attribute.toLowerCase() === 'password') {
      report(`${where} sets "${attribute}": no command can set a password`);
      continue;
    }
    const flat = isProfileScalar(attributeValue) || (Array.isArray(attributeValue) && attributeValue.every(isProfileScalar));
    if (!flat) report(`${where}.value.${attribute} must be a string, number, boolean, null or an array of those`);
  }
};

const checkExactValue = (
  command: CommandShape,
  field: string,
  allowed: readonly string[],
  report: Report,
): string | undefined => {
  const { value, where } = command;
  if (!isPlainObject(value) || Object.keys(value).length !== 1 || !(field in value)) {
    report(`${where}.value must be {"${field}": ${allowed.map((option) => `"${option}"`).join(' | ')}}`);
    return undefined;
  }
  const chosen = value[field];
  if (typeof chosen !== 'string' || !allowed.includes(chosen)) {
    report(`${where}.value.${field} must be one of ${allowed.join(', ')}, not ${describe(chosen)}`);
    return undefined;
  }
  return chosen;
};

const reportUnknownType = (command: CommandShape, allowed: readonly string[], hookLabel: string, report: Report) =>
  report(`${command.where}: "${command.type}" is not a ${hookLabel} command (allowed: ${allowed.join(', ')})`);

// --- token (§2) -------------------------------------------------------------------------------

const tokenKindOfType = (type: string): TokenKind | undefined =>
  type === tokenCommandTypeOf.identity ? 'identity' : type === tokenCommandTypeOf.access ? 'access' : undefined;

const checkTokenOperation = (
  kind: TokenKind,
  claims: Record<string, unknown>,
  operation: unknown,
  where: string,
  report: Report,
): void => {
  if (!isPlainObject(operation)) {
    report(`${where} must be an object {op, path, value}`);
    return;
  }
  const { op, path } = operation;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') {
    report(`${where}.op must be add, replace or remove, not ${describe(op)}`);
    return;
  }
  if (typeof path !== 'string') {
    report(`${where}.path must be a string`);
    return;
  }
  if (path === TOKEN_LIFETIME_PATH) {
    if (op !== 'replace') report(`${where}: the token lifetime can only be changed with "replace"`);
    const seconds = operation.value;
    if (
      typeof seconds !== 'number' ||
      !Number.isInteger(seconds) ||
      seconds < TOKEN_LIFETIME_MIN_SECONDS ||
      seconds > TOKEN_LIFETIME_MAX_SECONDS
    ) {
      report(
        `${where}: the lifetime must be whole seconds from ${TOKEN_LIFETIME_MIN_SECONDS} to ${TOKEN_LIFETIME_MAX_SECONDS}, not ${describe(seconds)}`,
      );
    }
    return;
  }
  const segments = parsePointer(path);
  const claim = segments?.[1];
  if (!segments || segments[0] !== 'claims' || !claim || segments.slice(2).some((segment) => segment === '')) {
    report(`${where}.path ${describe(path)} must be /claims/<name>[/<member>…] or ${TOKEN_LIFETIME_PATH}`);
    return;
  }
  if (isReservedClaim(kind, claim)) {
    report(
      claim === 'aud' || claim === 'sub'
        ? `${where}: "${claim}" may only be changed in access tokens, never in ID tokens`
        : `${where}: "${claim}" is a reserved claim of the ${kind === 'identity' ? 'ID' : 'access'} token`,
    );
  }
  const deeper = segments.length > 2;
  if ((op !== 'add' || deeper) && !Object.hasOwn(claims, claim)) {
    report(`${where}: ${op} on "${claim}", which is not in the token (only "add" on /claims/<name> creates a claim)`);
  }
  if (segments.slice(2, -1).includes('-') || (segments.at(-1) === '-' && (op !== 'add' || !deeper))) {
    report(`${where}: "-" (append) is only valid as the last segment of an "add" into an array`);
  }
  if (op === 'remove') {
    if ('value' in operation && operation.value !== null) report(`${where}: a remove carries no value (or null)`);
    return;
  }
  if (!('value' in operation) || operation.value === null || operation.value === undefined) {
    report(`${where}: ${op} needs a value`);
  } else if (!isJsonValue(operation.value)) {
    report(`${where}.value is not a JSON value`);
  }
};

const checkTokenCommands = (request: TokenRequest, commands: CommandShape[], report: Report): void => {
  const allowed = Object.values(tokenCommandTypeOf);
  for (const command of commands) {
    const kind = tokenKindOfType(command.type);
    if (!kind) {
      reportUnknownType(command, allowed, 'token hook', report);
      continue;
    }
    const token = request.data[kind];
    if (!token) {
      report(
        `${command.where}: ${command.type} patches the ${kind === 'identity' ? 'ID' : 'access'} token, which this request did not ask for`,
      );
      continue;
    }
    if (!Array.isArray(command.value) || command.value.length === 0) {
      report(`${command.where}.value must be a non-empty array of patch operations`);
      continue;
    }
    command.value.forEach((operation: unknown, index) =>
      checkTokenOperation(kind, token.claims, operation, `${command.where}.value[${index}]`, report),
    );
  }
};

// --- registration (§3) -------------------------------------------------------------------------

const checkRegistrationCommands = (
  request: InlineHookRequestOf['registration'],
  commands: CommandShape[],
  hasError: boolean,
  report: Report,
): void => {
  const variant = registrationVariantOf(request.requestType);
  const profileType =
    variant === 'progressive-profile'
      ? 'com.okta.user.progressive.profile.update'
      : variant === 'unknown'
        ? undefined
        : 'com.okta.user.profile.update';
  const allowed = ['com.okta.action.update', ...(profileType ? [profileType] : [])];
  let decisions = 0;
  for (const command of commands) {
    if (command.type === 'com.okta.action.update') {
      decisions += 1;
      const decision = checkExactValue(command, 'registration', ['ALLOW', 'DENY'], report);
      if (hasError && decision === 'ALLOW') {
        report(`${command.where}: ALLOW together with an error object; Okta denies and drops every command`);
      }
    } else if (command.type === profileType) {
      checkProfileAttributes(command.value, command.where, report);
      if (hasError) report(`${command.where}: a profile update beside an error object is dropped by Okta`);
    } else if (
      command.type === 'com.okta.user.profile.update' ||
      command.type === 'com.okta.user.progressive.profile.update'
    ) {
      report(`${command.where}: ${command.type} is not valid for a ${variant} registration request`);
    } else {
      reportUnknownType(command, allowed, 'registration hook', report);
    }
  }
  if (decisions > 1) report('more than one com.okta.action.update registration decision');
};

// --- SAML (§4) -----------------------------------------------------------------------------------

const samlPathRoots = ['subject', 'authentication', 'conditions', 'claims'];

const isSamlAttributeStatement = (value: unknown): boolean => {
  if (!isPlainObject(value)) return false;
  const { attributes, attributeValues } = value;
  if (!isPlainObject(attributes) || typeof attributes.NameFormat !== 'string') return false;
  if (!Array.isArray(attributeValues) || attributeValues.length === 0) return false;
  return attributeValues.every(
    (item: unknown) =>
      isPlainObject(item) &&
      isPlainObject(item.attributes) &&
      typeof item.attributes['xsi:type'] === 'string' &&
      (typeof item.value === 'string' || (typeof item.value === 'number' && Number.isFinite(item.value))),
  );
};

const checkSamlOperation = (request: SamlRequest, operation: unknown, where: string, report: Report): void => {
  if (!isPlainObject(operation)) {
    report(`${where} must be an object {op, path, value}`);
    return;
  }
  const { op, path, value } = operation;
  if (op !== 'add' && op !== 'replace') {
    report(`${where}.op must be add or replace (SAML patches have no ${describe(op)})`);
    return;
  }
  const segments = typeof path === 'string' ? parsePointer(path) : undefined;
  const root = segments?.[0];
  if (!segments || !root || !samlPathRoots.includes(root) || segments.length < 2 || segments.includes('')) {
    report(`${where}.path ${describe(path)} must start with /subject/, /authentication/, /conditions/ or /claims/`);
    return;
  }
  const valueIsAllowedForm =
    typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) || isPlainObject(value);
  if (!valueIsAllowedForm) report(`${where}.value must be a string, an integer or an object, not ${kindOf(value)}`);

  if (path === SAML_SESSION_LIFETIME_PATH) {
    if (op !== 'add') report(`${where}: the session lifetime is set with "add"`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      report(`${where}: the session lifetime must be a positive whole number of seconds`);
    }
    return;
  }
  if (root !== 'claims') return;

  const name = segments[1] ?? '';
  const statement = request.data.assertion.claims?.[name];
  if (segments.length === 2) {
    if (!isSamlAttributeStatement(value)) {
      report(
        `${where}: an attribute at /claims/<name> needs {attributes:{NameFormat}, attributeValues:[{attributes:{"xsi:type"}, value}]} with at least one value`,
      );
    }
    if (op === 'replace' && !statement) report(`${where}: replace of attribute "${name}", which is not in the assertion`);
    return;
  }
  if (!statement) {
    report(`${where}: "${name}" is not in the assertion; add the whole attribute at /claims/<name> instead`);
    return;
  }
  if (segments[2] === 'attributeValues' && segments[3] !== undefined) {
    const index = Number(segments[3]);
    const count = statement.attributeValues?.length ?? 0;
    const limit = op === 'add' ? count : count - 1;
    if (segments[3] !== '-' && (!Number.isInteger(index) || index < 0 || index > limit)) {
      report(`${where}: attribute "${name}" has ${count} value(s); index ${segments[3]} is out of range`);
    }
  }
};

const checkSamlCommands = (request: SamlRequest, commands: CommandShape[], report: Report): void => {
  for (const command of commands) {
    if (command.type !== 'com.okta.assertion.patch') {
      reportUnknownType(command, ['com.okta.assertion.patch'], 'SAML hook', report);
      continue;
    }
    if (!Array.isArray(command.value) || command.value.length === 0) {
      report(`${command.where}.value must be a non-empty array of patch operations`);
      continue;
    }
    command.value.forEach((operation: unknown, index) =>
      checkSamlOperation(request, operation, `${command.where}.value[${index}]`, report),
    );
  }
};

// --- password import (§5) -------------------------------------------------------------------------

const checkPasswordImportCommands = (commands: CommandShape[], report: Report): void => {
  if (commands.length > 1) report('a password import answer holds a single com.okta.action.update command');
  for (const command of commands) {
    if (command.type !== 'com.okta.action.update') {
      reportUnknownType(command, ['com.okta.action.update'], 'password import hook', report);
      continue;
    }
    checkExactValue(command, 'credential', ['VERIFIED', 'UNVERIFIED'], report);
  }
};

// --- user import (§6) -------------------------------------------------------------------------------

const userImportTypes = [
  'com.okta.appUser.profile.update',
  'com.okta.user.profile.update',
  'com.okta.action.update',
  'com.okta.user.update',
];

const checkUserImportCommands = (commands: CommandShape[], report: Report): void => {
  const results: string[] = [];
  let userUpdates = 0;
  for (const command of commands) {
    switch (command.type) {
      case 'com.okta.appUser.profile.update':
      case 'com.okta.user.profile.update':
        checkProfileAttributes(command.value, command.where, report);
        break;
      case 'com.okta.action.update': {
        const result = checkExactValue(command, 'result', ['CREATE_USER', 'LINK_USER'], report);
        if (result) results.push(result);
        break;
      }
      case 'com.okta.user.update': {
        userUpdates += 1;
        const { value } = command;
        if (!isPlainObject(value) || typeof value.id !== 'string' || value.id === '' || Object.keys(value).length !== 1) {
          report(`${command.where}.value must be {"id": "<Okta user id>"}`);
        }
        break;
      }
      default:
        reportUnknownType(command, userImportTypes, 'user import hook', report);
    }
  }
  if (results.length > 1) report('more than one com.okta.action.update import result');
  const links = results.includes('LINK_USER');
  if (links && userUpdates === 0) report('LINK_USER must come with com.okta.user.update naming the Okta user');
  if (userUpdates > 0 && !links) report('com.okta.user.update is only valid together with {"result": "LINK_USER"}');
  if (userUpdates > 1) report('more than one com.okta.user.update');
};

// --- telephony (§7) -----------------------------------------------------------------------------------

const checkTelephonyCommands = (commands: CommandShape[], hasError: boolean, report: Report): void => {
  if (commands.length === 0 && !hasError) {
    report('a telephony answer must carry a com.okta.telephony.action status or an error object');
    return;
  }
  if (commands.length > 1) report('a telephony answer holds a single com.okta.telephony.action command');
  for (const command of commands) {
    if (command.type !== 'com.okta.telephony.action') {
      reportUnknownType(command, ['com.okta.telephony.action'], 'telephony hook', report);
      continue;
    }
    if (!Array.isArray(command.value) || command.value.length === 0) {
      report(`${command.where}.value must be a non-empty array of {status, provider, transactionId, transactionMetadata}`);
      continue;
    }
    command.value.forEach((result: unknown, index) => {
      const where = `${command.where}.value[${index}]`;
      if (!isPlainObject(result)) {
        report(`${where} must be an object`);
        return;
      }
      if (!(telephonyStatuses as readonly unknown[]).includes(result.status)) {
        report(`${where}.status must be one of ${telephonyStatuses.join(', ')}, not ${describe(result.status)}`);
      }
      for (const field of ['provider', 'transactionId', 'transactionMetadata'] as const) {
        if (field in result && typeof result[field] !== 'string') report(`${where}.${field} must be a string`);
      }
    });
  }
};

// --- the whole answer ------------------------------------------------------------------------------------

const readCommands = (commands: unknown, report: Report): CommandShape[] => {
  if (commands === undefined) return [];
  if (!Array.isArray(commands)) {
    report('commands must be an array');
    return [];
  }
  const shapes: CommandShape[] = [];
  commands.forEach((command: unknown, index) => {
    const where = `commands[${index}]`;
    if (!isPlainObject(command) || typeof command.type !== 'string') {
      report(`${where} must be an object {type, value} with a string type`);
      return;
    }
    if (!('value' in command) || command.value === undefined || command.value === null) {
      report(`${where} (${command.type}) has no value`);
      return;
    }
    shapes.push({ type: command.type, value: command.value, where });
  });
  return shapes;
};

const checkExchange = (exchange: Exchange, candidate: CandidateAnswer, report: Report): void => {
  const { hook } = exchange;
  if (candidate.status === 204) {
    if (hook === 'telephony') {
      report('telephony hooks must answer 200; Okta treats 204 as a failure and sends the OTP itself');
    }
    const hasBody = candidate.bodyText !== undefined ? candidate.bodyText !== '' : candidate.body !== undefined;
    if (hasBody) report('a 204 answer has no body');
    return;
  }
  if (candidate.status !== 200) {
    report(`HTTP ${candidate.status}: Okta only acts on 200 with a body, or 204`);
    return;
  }
  const { body } = candidate;
  if (!isPlainObject(body)) {
    report(`the body of a 200 answer must be a JSON object, not ${kindOf(body)}`);
    return;
  }
  const text = candidate.bodyText ?? JSON.stringify(body);
  if (utf8Length(text) >= MAX_RESPONSE_BYTES) {
    report(`the body is ${utf8Length(text)} bytes; Okta accepts less than ${MAX_RESPONSE_BYTES}`);
  }
  for (const member of Object.keys(body)) {
    if (member !== 'commands' && member !== 'error' && member !== 'debugContext') {
      report(`unknown member "${member}" (a hook answer holds commands, error and debugContext)`);
    }
  }
  if ('debugContext' in body && !isPlainObject(body.debugContext)) report('debugContext must be an object');

  const hasError = 'error' in body && body.error !== undefined;
  if (hasError) checkErrorObject(body.error, report);
  const commands = readCommands(body.commands, report);
  if (hasError && commands.length > 0 && hook !== 'registration') {
    report('commands beside an error object: Okta fails the call and ignores them; send the error alone');
  }

  switch (exchange.hook) {
    case 'token':
      checkTokenCommands(exchange.request, commands, report);
      return;
    case 'registration':
      checkRegistrationCommands(exchange.request, commands, hasError, report);
      return;
    case 'saml':
      checkSamlCommands(exchange.request, commands, report);
      return;
    case 'password-import':
      checkPasswordImportCommands(commands, report);
      return;
    case 'user-import':
      checkUserImportCommands(commands, report);
      return;
    case 'telephony':
      checkTelephonyCommands(commands, hasError, report);
      return;
  }
};

/** Whether Okta would accept `candidate` as the answer to `request`, with every broken rule. */
export const checkAnswer = <H extends InlineHookName>(
  hook: H,
  request: InlineHookRequestOf[H],
  candidate: CandidateAnswer,
): ContractVerdict => {
  const violations: string[] = [];
  checkExchange({ hook, request } as Exchange, candidate, (violation) => violations.push(violation));
  return { accepted: violations.length === 0, violations };
};
