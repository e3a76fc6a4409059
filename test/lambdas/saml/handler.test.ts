import type { ServiceConfigInput } from '../../../lambdas/shared/config/service-config';
import { createSamlHandler } from '../../../lambdas/saml/handler';
import { createTestTable, type TestTable } from '../../support/dynamo';
import { callHook, commandsOf, errorOf, fixture } from '../../support/hook-harness';
import { captureOutput, type CapturedOutput } from '../../support/output-capture';
import { testConfig, testRuntime } from '../../support/test-runtime';

let test: TestTable;
let output: CapturedOutput;

beforeAll(async () => {
  test = await createTestTable();
  await test.seed([
    {
      kind: 'user',
      login: 'alice@example.com',
      oktaUserId: '00u5alice0000000a1b2',
      attributes: {
        department: 'Cardiology',
        mail: 'alice.anders@example.com',
        groups: ['finance', 'wiki-editors', 'auditors'],
        roles: ['admin', 'editor'],
        employeeNumber: 4711,
      },
    },
  ]);
});
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

type SamlInput = NonNullable<ServiceConfigInput['hooks']>['saml'];
const samlHandler = (saml: SamlInput = {}) => {
  const config = testConfig({ hooks: { saml: { cache: { ttlSeconds: 0 }, ...saml } } });
  return createSamlHandler(testRuntime('saml', config), config.hooks.saml, { users: test.table });
};

const EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const GROUPS_CLAIM = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups';

describe('SAML assertion hook', () => {
  it('adds a new attribute statement and replaces the value of an existing one', async () => {
    const answer = await callHook(
      'saml',
      samlHandler({
        attributes: [
          { attribute: 'department', name: 'department' },
          { attribute: 'employeeNumber', name: 'employeeNumber', xsiType: 'xs:integer' },
        ],
      }),
      fixture('saml.request.json'),
    );
    expect(commandsOf(answer)).toEqual([
      {
        type: 'com.okta.assertion.patch',
        value: [
          { op: 'replace', path: '/claims/department/attributeValues/0/value', value: 'Cardiology' },
          {
            op: 'add',
            path: '/claims/employeeNumber',
            value: {
              attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' },
              attributeValues: [{ attributes: { 'xsi:type': 'xs:integer' }, value: 4711 }],
            },
          },
        ],
      },
    ]);
  });

  it('escapes URI attribute names in the path (contract conformance check 2)', async () => {
    const answer = await callHook(
      'saml',
      samlHandler({ attributes: [{ attribute: 'mail', name: EMAIL_CLAIM, nameFormat: 'uri' }], sessionLifetimeSeconds: 900 }),
      fixture('saml.edge.request.json'),
    );
    expect(commandsOf(answer)).toEqual([
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
    ]);
  });

  it('replaces a whole multi-valued statement when the number of values changes', async () => {
    const answer = await callHook(
      'saml',
      samlHandler({ attributes: [{ attribute: 'groups', name: GROUPS_CLAIM, nameFormat: 'uri' }] }),
      fixture('saml.edge.request.json'),
    );
    expect(commandsOf(answer)).toEqual([
      {
        type: 'com.okta.assertion.patch',
        value: [
          {
            op: 'replace',
            path: '/claims/http:~1~1schemas.microsoft.com~1ws~12008~106~1identity~1claims~1groups',
            value: {
              attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' },
              attributeValues: ['finance', 'wiki-editors', 'auditors'].map((value) => ({ attributes: { 'xsi:type': 'xs:string' }, value })),
            },
          },
        ],
      },
    ]);
  });

  it('adds a statement under a name with "~", escaped as ~0', async () => {
    const answer = await callHook('saml', samlHandler({ attributes: [{ attribute: 'department', name: 'urn:example:new~attr' }] }), fixture('saml.edge.request.json'));
    expect(JSON.stringify(commandsOf(answer))).toContain('"path":"/claims/urn:example:new~0attr"');
  });

  it('answers 204 for a user who is not found, or an error when configured', async () => {
    const request = fixture<{ data: { context: { user: { profile: { login: string } }; session: { login: string } } } }>('saml.request.json');
    request.data.context.user.profile.login = 'nobody@example.com';
    const attributes = [{ attribute: 'department', name: 'department' }];
    expect((await callHook('saml', samlHandler({ attributes }), request)).status).toBe(204);
    const denied = await callHook('saml', samlHandler({ attributes, userNotFound: 'deny' }), request);
    expect(errorOf(denied)).toEqual({ errorSummary: 'This account is not enabled for this application.' });
  });

  it('sets only the session lifetime when no attributes are configured', async () => {
    const answer = await callHook('saml', samlHandler({ sessionLifetimeSeconds: 3600 }), fixture('saml.request.json'));
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.assertion.patch', value: [{ op: 'add', path: '/authentication/sessionLifetime', value: 3600 }] },
    ]);
  });
});
