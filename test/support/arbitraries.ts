/**
 * fast-check generators of hook requests (from the fixtures) and of answers built only with
 * the contract's builders, for the property tests.
 */
import fc from 'fast-check';
import type { InlineHookName } from '../../lambdas/shared/okta/hook-types';
import { isReservedClaim } from '../../lambdas/shared/okta/reserved-claims';
import { inlineRequestSchemaOf, type InlineHookRequestOf } from '../../lambdas/shared/okta/requests';
import {
  addClaim,
  addSamlAttribute,
  assertionPatch,
  createUserResult,
  credentialVerdict,
  importAppUserProfileUpdate,
  importUserProfileUpdate,
  linkToUser,
  noChange,
  oktaError,
  profileFieldCause,
  progressiveProfileUpdate,
  registrationDecision,
  registrationProfileUpdate,
  removeClaim,
  replaceClaim,
  replaceSamlAttributeValue,
  samlAttributeStatement,
  setSamlSessionLifetime,
  setTokenLifetime,
  telephonyAction,
  telephonyStatuses,
  tokenPatch,
  withCommands,
  withError,
  type CommandOf,
  type HookAnswer,
  type JsonValue,
  type ProfileAttributes,
  type TokenKind,
  type TokenPatchOperation,
} from '../../lambdas/shared/okta/responses';
import { loadFixture } from './fixtures';

export const fixturesOf: Record<InlineHookName, string[]> = {
  token: ['token.request.json', 'token.edge.request.json', 'token.client-credentials.request.json'],
  registration: ['registration.request.json', 'registration.edge.request.json', 'registration.classic.request.json'],
  saml: ['saml.request.json', 'saml.edge.request.json'],
  'password-import': ['password-import.request.json', 'password-import.edge.request.json'],
  'user-import': ['user-import.request.json', 'user-import.edge.request.json'],
  telephony: ['telephony.request.json', 'telephony.edge.request.json'],
};

export const requestOf = <H extends InlineHookName>(hook: H, fixture: string): InlineHookRequestOf[H] =>
  inlineRequestSchemaOf[hook].parse(loadFixture(fixture));

export const jsonValue: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>;
const nonNullJson = jsonValue.filter((value) => value !== null);
/** Claim and attribute names, including the `/` and `~` that need escaping. */
const name = fc.oneof(
  fc.string({ minLength: 1, maxLength: 24 }),
  fc.constantFrom('http://schemas.example.com/claims/a~b', 'urn:x:y', 'a/b', '~', '~1', 'patient_id', 'iss', 'sub', 'aud', 'nonce', 'scp'),
);
const profileScalar = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.constant(null));
const profileAttributes: fc.Arbitrary<ProfileAttributes> = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 20 }).filter((key) => key.toLowerCase() !== 'password' && key !== '__proto__'),
  fc.oneof(profileScalar, fc.array(profileScalar, { maxLength: 3 })),
  { minKeys: 1, maxKeys: 4 },
);

const tokenOperations = (kind: TokenKind, claims: Record<string, unknown>): fc.Arbitrary<TokenPatchOperation[]> => {
  const free = name.filter((claim) => !isReservedClaim(kind, claim));
  const existing = Object.keys(claims).filter((claim) => !isReservedClaim(kind, claim));
  const operation = fc.oneof(
    fc.tuple(free, nonNullJson).map(([claim, value]) => addClaim(claim, value)),
    fc.integer({ min: 300, max: 86_400 }).map(setTokenLifetime),
    ...(existing.length > 0
      ? [
          fc.tuple(fc.constantFrom(...existing), nonNullJson).map(([claim, value]) => replaceClaim(claim, value)),
          fc.constantFrom(...existing).map(removeClaim),
        ]
      : []),
  );
  return fc.array(operation, { minLength: 1, maxLength: 5 });
};

type Generated<H extends InlineHookName> = { hook: H; request: InlineHookRequestOf[H]; answer: HookAnswer<CommandOf[H]> };

const errorAnswer = <C>(): fc.Arbitrary<HookAnswer<C>> =>
  fc.string({ minLength: 1, maxLength: 80 }).map((summary) => withError<C>(oktaError(summary)));

const tokenAnswers = fc.constantFrom(...fixturesOf.token).chain((fixture) => {
  const request = requestOf('token', fixture);
  const kinds = (['identity', 'access'] as const).filter((kind) => request.data[kind]);
  const patches = kinds.map((kind) =>
    tokenOperations(kind, request.data[kind]?.claims ?? {}).map((operations) => tokenPatch(kind, operations)),
  );
  const answer = fc.oneof(
    fc.constant(noChange()),
    errorAnswer<CommandOf['token']>(),
    fc.tuple(...patches).map((commands) => withCommands(commands)),
  );
  return answer.map((generated): Generated<'token'> => ({ hook: 'token', request, answer: generated }));
});

const registrationAnswers = fc.constantFrom(...fixturesOf.registration).chain((fixture) => {
  const request = requestOf('registration', fixture);
  const update = request.requestType === 'progressive.profile' ? progressiveProfileUpdate : registrationProfileUpdate;
  const answer = fc.oneof(
    fc.constant(noChange()),
    fc.tuple(profileAttributes, fc.constantFrom<'ALLOW' | 'DENY'>('ALLOW', 'DENY')).map(([attributes, decision]) =>
      withCommands([update(attributes), registrationDecision(decision)]),
    ),
    fc.string({ minLength: 1, maxLength: 60 }).map((summary) =>
      withError(oktaError(summary, [profileFieldCause('email', summary, 'INVALID_EMAIL_DOMAIN')]), [registrationDecision('DENY')]),
    ),
  );
  return answer.map((generated): Generated<'registration'> => ({ hook: 'registration', request, answer: generated }));
});

const samlAnswers = fc.constantFrom(...fixturesOf.saml).chain((fixture) => {
  const request = requestOf('saml', fixture);
  const withValues = Object.entries(request.data.assertion.claims ?? {}).filter(
    ([, statement]) => (statement.attributeValues?.length ?? 0) > 0,
  );
  const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer());
  const operation = fc.oneof(
    fc.tuple(name, fc.array(value, { minLength: 1, maxLength: 3 })).map(([attribute, values]) =>
      addSamlAttribute(attribute, samlAttributeStatement(values)),
    ),
    fc.integer({ min: 1, max: 86_400 }).map(setSamlSessionLifetime),
    ...(withValues.length > 0
      ? [
          fc
            .constantFrom(...withValues)
            .chain(([attribute, statement]) =>
              fc
                .tuple(fc.integer({ min: 0, max: (statement.attributeValues?.length ?? 1) - 1 }), value)
                .map(([index, replacement]) => replaceSamlAttributeValue(attribute, index, replacement)),
            ),
        ]
      : []),
  );
  const answer = fc.oneof(
    fc.constant(noChange()),
    errorAnswer<CommandOf['saml']>(),
    fc.array(operation, { minLength: 1, maxLength: 4 }).map((operations) => withCommands([assertionPatch(operations)])),
  );
  return answer.map((generated): Generated<'saml'> => ({ hook: 'saml', request, answer: generated }));
});

const passwordImportAnswers = fc.constantFrom(...fixturesOf['password-import']).chain((fixture) => {
  const request = requestOf('password-import', fixture);
  const answer = fc.oneof(
    fc.constant(noChange()),
    errorAnswer<CommandOf['password-import']>(),
    fc.constantFrom<'VERIFIED' | 'UNVERIFIED'>('VERIFIED', 'UNVERIFIED').map((verdict) => withCommands([credentialVerdict(verdict)])),
  );
  return answer.map((generated): Generated<'password-import'> => ({ hook: 'password-import', request, answer: generated }));
});

const userImportAnswers = fc.constantFrom(...fixturesOf['user-import']).chain((fixture) => {
  const request = requestOf('user-import', fixture);
  const decision = fc.oneof(
    fc.constant([createUserResult()]),
    fc.string({ minLength: 1, maxLength: 20 }).map((id) => linkToUser(id)),
    fc.constant([]),
  );
  const answer = fc.oneof(
    fc.constant(noChange()),
    errorAnswer<CommandOf['user-import']>(),
    fc
      .tuple(fc.option(profileAttributes, { nil: undefined }), fc.option(profileAttributes, { nil: undefined }), decision)
      .map(([user, appUser, result]) =>
        withCommands([
          ...(user ? [importUserProfileUpdate(user)] : []),
          ...(appUser ? [importAppUserProfileUpdate(appUser)] : []),
          ...result,
        ]),
      ),
  );
  return answer.map((generated): Generated<'user-import'> => ({ hook: 'user-import', request, answer: generated }));
});

const telephonyAnswers = fc.constantFrom(...fixturesOf.telephony).chain((fixture) => {
  const request = requestOf('telephony', fixture);
  const answer = fc.oneof(
    errorAnswer<CommandOf['telephony']>(),
    fc
      .record(
        {
          status: fc.constantFrom(...telephonyStatuses),
          provider: fc.string({ maxLength: 20 }),
          transactionId: fc.string({ maxLength: 40 }),
          transactionMetadata: fc.string({ maxLength: 40 }),
        },
        { requiredKeys: ['status'] },
      )
      .map((result) => withCommands([telephonyAction(result)])),
  );
  return answer.map((generated): Generated<'telephony'> => ({ hook: 'telephony', request, answer: generated }));
});

export type GeneratedExchange = { [H in InlineHookName]: Generated<H> }[InlineHookName];

/** A request of any hook type, with an answer built from the builders alone. */
export const builtExchange: fc.Arbitrary<GeneratedExchange> = fc.oneof(
  tokenAnswers,
  registrationAnswers,
  samlAnswers,
  passwordImportAnswers,
  userImportAnswers,
  telephonyAnswers,
);
