import { checkAnswer } from '../../../../lambdas/shared/okta/checker';
import type { InlineHookName } from '../../../../lambdas/shared/okta/hook-types';
import { inlineRequestSchemaOf, type InlineHookRequestOf } from '../../../../lambdas/shared/okta/requests';
import { loadFixture } from '../../../support/fixtures';

const request = <H extends InlineHookName>(hook: H, fixture = `${hook}.request.json`): InlineHookRequestOf[H] =>
  inlineRequestSchemaOf[hook].parse(loadFixture(fixture));

const check = <H extends InlineHookName>(hook: H, body: unknown, options: { fixture?: string; status?: number } = {}) =>
  checkAnswer(hook, request(hook, options.fixture), { status: options.status ?? 200, body });

describe('the contract reference answers (§12.1) are accepted', () => {
  it.each<[InlineHookName, string, unknown]>([
    [
      'token',
      'token.request.json',
      {
        commands: [
          { type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/ledger_tier', value: 'gold' }] },
          { type: 'com.okta.access.patch', value: [{ op: 'replace', path: '/token/lifetime/expiration', value: 1800 }] },
        ],
      },
    ],
    [
      'registration',
      'registration.request.json',
      {
        commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }],
        error: {
          errorSummary: 'Sign-up is limited to partner domains.',
          errorCauses: [
            {
              errorSummary: 'Use your company e-mail address.',
              reason: 'INVALID_EMAIL_DOMAIN',
              locationType: 'body',
              location: 'data.userProfile.email',
              domain: 'end-user',
            },
          ],
        },
      },
    ],
    [
      'saml',
      'saml.edge.request.json',
      {
        commands: [
          {
            type: 'com.okta.assertion.patch',
            value: [
              {
                op: 'replace',
                path: '/claims/http:~1~1schemas.xmlsoap.org~1ws~12005~105~1identity~1claims~1emailaddress/attributeValues/0/value',
                value: 'alice.anders@example.com',
              },
              { op: 'add', path: '/authentication/sessionLifetime', value: 900 },
            ],
          },
        ],
      },
    ],
    ['password-import', 'password-import.request.json', { commands: [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }] }],
    [
      'user-import',
      'user-import.edge.request.json',
      {
        commands: [
          { type: 'com.okta.action.update', value: { result: 'LINK_USER' } },
          { type: 'com.okta.user.update', value: { id: '00u5alice0000000a1b2' } },
        ],
      },
    ],
    [
      'telephony',
      'telephony.request.json',
      {
        commands: [
          {
            type: 'com.okta.telephony.action',
            value: [{ status: 'SUCCESSFUL', provider: 'EXAMPLE_SMS', transactionId: 'txn-0001', transactionMetadata: 'latencyMs=420' }],
          },
        ],
      },
    ],
  ])('%s (%s)', (hook, fixture, body) => {
    expect(check(hook, body, { fixture })).toEqual({ accepted: true, violations: [] });
  });

  it.each(['token', 'registration', 'saml', 'password-import', 'user-import'] as const)('204 with no body for %s', (hook) => {
    expect(checkAnswer(hook, request(hook), { status: 204, bodyText: '' }).accepted).toBe(true);
  });

  it('200 {} for user import (no change)', () => {
    expect(check('user-import', {}).accepted).toBe(true);
  });

  it('a telephony error object (Okta then falls back)', () => {
    const verdict = check('telephony', {
      error: {
        errorSummary: 'Provider refused',
        errorCauses: [{ errorSummary: 'Blocked number', reason: 'PROVIDER_REJECTED', location: 'data.messageProfile.phoneNumber' }],
      },
    });
    expect(verdict.accepted).toBe(true);
  });
});

/** Each case breaks exactly one rule; the expected text is a fragment of the violation. */
describe('every rule of the reference rejects what breaks it', () => {
  const cases: [string, InlineHookName, unknown, string, { fixture?: string; status?: number }?][] = [
    // general
    ['a status other than 200/204', 'token', { commands: [] }, 'HTTP 500', { status: 500 }],
    ['a 200 body that is not an object', 'token', [], 'must be a JSON object'],
    ['an unknown top-level member', 'saml', { commands: [], extra: 1 }, 'unknown member "extra"'],
    ['commands that are not an array', 'saml', { commands: {} }, 'commands must be an array'],
    ['a command without a value', 'saml', { commands: [{ type: 'com.okta.assertion.patch' }] }, 'has no value'],
    ['an error object of the wrong shape', 'token', { error: 'nope' }, 'error must be an object'],
    ['an error cause without a summary', 'saml', { error: { errorCauses: [{ reason: 'X' }] } }, 'errorCauses[0].errorSummary'],
    ['an error cause with a bad locationType', 'saml', { error: { errorCauses: [{ errorSummary: 'x', locationType: 'cookie' }] } }, 'locationType'],
    ['debugContext that is not an object', 'token', { debugContext: 'x' }, 'debugContext must be an object'],
    ['a body of 256 KB or more', 'token', { debugContext: { pad: 'x'.repeat(256 * 1024) } }, 'bytes'],
    [
      'commands beside an error (not registration)',
      'token',
      { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/a', value: 1 }] }], error: { errorSummary: 'x' } },
      'commands beside an error object',
    ],
    // token
    ['a SAML command in a token answer', 'token', { commands: [{ type: 'com.okta.assertion.patch', value: [] }] }, 'not a token hook command'],
    [
      'an access patch when no access token was requested',
      'token',
      { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/a', value: 1 }] }] },
      'did not ask for',
      { fixture: 'token.edge.request.json' },
    ],
    [
      'an identity patch in a client-credentials request',
      'token',
      { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/a', value: 1 }] }] },
      'did not ask for',
      { fixture: 'token.client-credentials.request.json' },
    ],
    ['an empty patch', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [] }] }, 'non-empty array'],
    ['an unknown op', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'move', path: '/claims/a' }] }] }, 'must be add, replace or remove'],
    ['a path outside /claims', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/token/x', value: 1 }] }] }, 'must be /claims/'],
    ['a malformed escape in a path', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/a~2b', value: 1 }] }] }, 'must be /claims/'],
    ['a reserved claim in both tokens', 'token', { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'replace', path: '/claims/iss', value: 'x' }] }] }, 'reserved claim'],
    ['an ID-token-only reserved claim', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/nonce', value: 'x' }] }] }, 'reserved claim of the ID token'],
    ['an access-token-only reserved claim', 'token', { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/scp', value: ['x'] }] }] }, 'reserved claim of the access token'],
    ['sub in an ID token', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'replace', path: '/claims/sub', value: 'x' }] }] }, 'only be changed in access tokens'],
    ['aud in an ID token', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'replace', path: '/claims/aud', value: 'x' }] }] }, 'only be changed in access tokens'],
    ['replacing a claim the token does not have', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'replace', path: '/claims/missing', value: 'x' }] }] }, 'not in the token'],
    ['removing a claim the token does not have', 'token', { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'remove', path: '/claims/missing' }] }] }, 'not in the token'],
    ['a remove with a value', 'token', { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'remove', path: '/claims/department', value: 'x' }] }] }, 'carries no value'],
    ['an add without a value', 'token', { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/new' }] }] }, 'needs a value'],
    ['a lifetime below 300 s', 'token', { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'replace', path: '/token/lifetime/expiration', value: 299 }] }] }, 'from 300 to 86400'],
    ['a lifetime above 86400 s', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'replace', path: '/token/lifetime/expiration', value: 86401 }] }] }, 'from 300 to 86400'],
    ['a fractional lifetime', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'replace', path: '/token/lifetime/expiration', value: 600.5 }] }] }, 'from 300 to 86400'],
    ['a lifetime set with add', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/token/lifetime/expiration', value: 600 }] }] }, 'only be changed with "replace"'],
    ['an append that is not last', 'token', { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/amr/-/x', value: 'y' }] }] }, '"-" (append)'],
    // registration
    ['a progressive update in a self-service answer', 'registration', { commands: [{ type: 'com.okta.user.progressive.profile.update', value: { a: 'b' } }] }, 'not valid for a self-service'],
    [
      'a self-service update in a progressive answer',
      'registration',
      { commands: [{ type: 'com.okta.user.profile.update', value: { a: 'b' } }] },
      'not valid for a progressive-profile',
      { fixture: 'registration.edge.request.json' },
    ],
    ['a password in a profile update', 'registration', { commands: [{ type: 'com.okta.user.profile.update', value: { Password: 'x' } }] }, 'no command can set a password'],
    ['a nested object in a profile update', 'registration', { commands: [{ type: 'com.okta.user.profile.update', value: { a: { b: 1 } } }] }, 'must be a string, number'],
    ['a decision other than ALLOW/DENY', 'registration', { commands: [{ type: 'com.okta.action.update', value: { registration: 'MAYBE' } }] }, 'must be one of ALLOW, DENY'],
    ['the spec typo com.action.update', 'registration', { commands: [{ type: 'com.action.update', value: { registration: 'DENY' } }] }, 'not a registration hook command'],
    ['ALLOW beside an error', 'registration', { commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }], error: { errorSummary: 'x' } }, 'ALLOW together with an error'],
    ['a profile update beside an error', 'registration', { commands: [{ type: 'com.okta.user.profile.update', value: { a: 'b' } }], error: { errorSummary: 'x' } }, 'dropped by Okta'],
    ['two decisions', 'registration', { commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }, { type: 'com.okta.action.update', value: { registration: 'DENY' } }] }, 'more than one'],
    // SAML
    ['a remove op', 'saml', { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'remove', path: '/claims/department' }] }] }, 'must be add or replace'],
    ['a path outside the four roots', 'saml', { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'add', path: '/issuer/x', value: 'y' }] }] }, 'must start with'],
    ['a new attribute without NameFormat', 'saml', { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'add', path: '/claims/newAttr', value: { attributeValues: [{ attributes: { 'xsi:type': 'xs:string' }, value: 'x' }] } }] }] }, 'needs {attributes'],
    ['a new attribute with no values', 'saml', { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'add', path: '/claims/newAttr', value: { attributes: { NameFormat: 'x' }, attributeValues: [] } }] }] }, 'needs {attributes'],
    [
      'an unescaped URI attribute name',
      'saml',
      { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'replace', path: '/claims/http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress/attributeValues/0/value', value: 'x' }] }] },
      'must start with',
      { fixture: 'saml.edge.request.json' },
    ],
    ['replacing a value of a missing attribute', 'saml', { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'replace', path: '/claims/missing/attributeValues/0/value', value: 'x' }] }] }, 'not in the assertion'],
    ['an attribute value index out of range', 'saml', { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'replace', path: '/claims/roles/attributeValues/2/value', value: 'x' }] }] }, 'out of range'],
    ['a session lifetime that is not a positive integer', 'saml', { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'add', path: '/authentication/sessionLifetime', value: -5 }] }] }, 'positive whole number'],
    ['a boolean value', 'saml', { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'replace', path: '/claims/department/attributeValues/0/value', value: true }] }] }, 'string, an integer or an object'],
    // password import
    ['two password verdicts', 'password-import', { commands: [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }, { type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }] }, 'single'],
    ['an unknown credential verdict', 'password-import', { commands: [{ type: 'com.okta.action.update', value: { credential: 'MAYBE' } }] }, 'VERIFIED, UNVERIFIED'],
    ['a profile update in a password import answer', 'password-import', { commands: [{ type: 'com.okta.user.profile.update', value: { a: 'b' } }] }, 'not a password import hook command'],
    // user import
    ['LINK_USER without com.okta.user.update', 'user-import', { commands: [{ type: 'com.okta.action.update', value: { result: 'LINK_USER' } }] }, 'LINK_USER must come with'],
    ['com.okta.user.update without LINK_USER', 'user-import', { commands: [{ type: 'com.okta.user.update', value: { id: '00u1' } }] }, 'only valid together with'],
    ['a user update without an id', 'user-import', { commands: [{ type: 'com.okta.action.update', value: { result: 'LINK_USER' } }, { type: 'com.okta.user.update', value: { id: '' } }] }, '{"id"'],
    ['a password in an import profile update', 'user-import', { commands: [{ type: 'com.okta.user.profile.update', value: { password: 'x' } }] }, 'no command can set a password'],
    ['an unknown import result', 'user-import', { commands: [{ type: 'com.okta.action.update', value: { result: 'MERGE' } }] }, 'CREATE_USER, LINK_USER'],
    // telephony
    ['a 204', 'telephony', undefined, 'must answer 200', { status: 204 }],
    ['an empty body', 'telephony', {}, 'must carry'],
    ['an empty status list', 'telephony', { commands: [{ type: 'com.okta.telephony.action', value: [] }] }, 'non-empty array'],
    ['a status object instead of an array', 'telephony', { commands: [{ type: 'com.okta.telephony.action', value: { status: 'SUCCESSFUL' } }] }, 'non-empty array'],
    ['an unknown status', 'telephony', { commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'SENT' }] }] }, 'SUCCESSFUL, PENDING, FAILED'],
    ['a numeric transaction id', 'telephony', { commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'PENDING', transactionId: 42 }] }] }, 'transactionId must be a string'],
  ];

  it.each(cases)('%s', (_name, hook, body, fragment, options = {}) => {
    const verdict = check(hook, body, options);
    expect(verdict.accepted).toBe(false);
    expect(verdict.violations.join('\n')).toContain(fragment);
  });

  it('rejects a 204 that carries a body', () => {
    const verdict = checkAnswer('token', request('token'), { status: 204, bodyText: '{}' });
    expect(verdict.violations).toEqual(['a 204 answer has no body']);
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    const justUnder = 'é'.repeat((256 * 1024) / 2 - 40);
    const body = { debugContext: { pad: justUnder } };
    expect(check('token', body).accepted).toBe(true);
    expect(check('token', { debugContext: { pad: `${justUnder}${'é'.repeat(40)}` } }).accepted).toBe(false);
  });

  it('lists every violation, not only the first', () => {
    const verdict = check('token', {
      commands: [
        {
          type: 'com.okta.identity.patch',
          value: [
            { op: 'add', path: '/claims/iss', value: 'x' },
            { op: 'replace', path: '/token/lifetime/expiration', value: 10 },
          ],
        },
      ],
    });
    expect(verdict.violations).toHaveLength(2);
  });
});
