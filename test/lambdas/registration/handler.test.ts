import type { ServiceConfigInput } from '../../../lambdas/shared/config/service-config';
import { createRegistrationHandler } from '../../../lambdas/registration/handler';
import { createDocumentClient } from '../../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../../lambdas/shared/stores/dynamodb-hook-table';
import { closedPortEndpoint } from '../../support/fault-proxy';
import { createTestTable, type TestTable } from '../../support/dynamo';
import { callHook, commandsOf, errorOf, fixture } from '../../support/hook-harness';
import { captureOutput, type CapturedOutput } from '../../support/output-capture';
import { testConfig, testRuntime } from '../../support/test-runtime';

let test: TestTable;
let output: CapturedOutput;

beforeAll(async () => {
  test = await createTestTable();
  await test.seed([
    { kind: 'user', login: 'bob@example.com', attributes: { department: 'Finance', manager: 'carol@example.com', salary: { band: 3 } } },
    { kind: 'user', login: 'dave@example.com', oktaUserId: '00u9dave00000000e5f6', attributes: { department: 'Logistics', costCenter: 4711 } },
  ]);
});
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

type RegistrationInput = NonNullable<ServiceConfigInput['hooks']>['registration'];

const registrationHandler = (registration: RegistrationInput = {}, table = test.table) => {
  const config = testConfig({ hooks: { registration } });
  return createRegistrationHandler(testRuntime('registration', config), config.hooks.registration, { users: table });
};

const contractorRule = { domainRules: [{ domains: ['atko.email'], set: { userType: 'Contractor' } }] };
const hrEnrichment = { enrichment: { attributes: { department: 'department', manager: 'manager' } } };

const ssrWithEmail = (email: string) => {
  const request = fixture<{ data: { userProfile: Record<string, string> } }>('registration.request.json');
  request.data.userProfile.email = email;
  request.data.userProfile.login = email;
  return request;
};

describe('registration hook', () => {
  it('sets userType Contractor for the contractor domain (scenario: contractor domain, Classic form)', async () => {
    const answer = await callHook('registration', registrationHandler(contractorRule), fixture('registration.classic.request.json'));
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } },
      { type: 'com.okta.action.update', value: { registration: 'ALLOW' } },
    ]);
    expect(answer.body).toMatchObject({ debugContext: { variant: 'classic' } });
  });

  it('copies department and manager from HR data (scenario: HR enrichment)', async () => {
    const answer = await callHook('registration', registrationHandler({ ...contractorRule, ...hrEnrichment }), fixture('registration.request.json'));
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.user.profile.update', value: { department: 'Finance', manager: 'carol@example.com' } },
      { type: 'com.okta.action.update', value: { registration: 'ALLOW' } },
    ]);
  });

  it('leaves out record attributes that are not flat profile values', async () => {
    const answer = await callHook(
      'registration',
      registrationHandler({ enrichment: { attributes: { salary: 'salaryBand', department: 'department' } } }),
      fixture('registration.request.json'),
    );
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.user.profile.update', value: { department: 'Finance' } },
      { type: 'com.okta.action.update', value: { registration: 'ALLOW' } },
    ]);
  });

  it('denies a denied domain with an error cause the Sign-In Widget shows beside the e-mail field', async () => {
    const answer = await callHook(
      'registration',
      registrationHandler({ deniedDomains: ['example.com'], denial: { summary: 'Sign-up is limited to partner domains.', cause: 'Use your company e-mail address.' } }),
      fixture('registration.request.json'),
    );
    expect(answer.body).toMatchObject({
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
    });
  });

  it.each([
    ['partner.example', 'bob@partner.example', 204],
    ['*.partner.example', 'bob@eu.partner.example', 204],
    ['*.partner.example', 'bob@partner.example', 200],
    ['partner.example', 'bob@example.com', 200],
    ['partner.example', 'not-an-address', 200],
  ])('with allowed domain %s, %s gets %i', async (pattern, email, status) => {
    const answer = await callHook('registration', registrationHandler({ allowedDomains: [pattern] }), ssrWithEmail(email));
    expect(answer.status).toBe(status);
    if (status === 200) expect(errorOf(answer)).toBeDefined();
  });

  it('answers a progressive profile update with progressive.profile.update, enriched by Okta user id', async () => {
    const answer = await callHook(
      'registration',
      registrationHandler({ enrichment: { attributes: { department: 'department', costCenter: 'costCenter' } } }),
      fixture('registration.edge.request.json'),
    );
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.user.progressive.profile.update', value: { department: 'Logistics', costCenter: 4711 } },
      { type: 'com.okta.action.update', value: { registration: 'ALLOW' } },
    ]);
  });

  it('checks the domain of an e-mail changed in a progressive profile update', async () => {
    const request = fixture<{ data: { userProfileUpdate: Record<string, string> } }>('registration.edge.request.json');
    request.data.userProfileUpdate.email = 'dave@blocked.example';
    const answer = await callHook('registration', registrationHandler({ deniedDomains: ['blocked.example'] }), request);
    expect(commandsOf(answer)).toEqual([{ type: 'com.okta.action.update', value: { registration: 'DENY' } }]);
  });

  it('answers 204 when no rule applies', async () => {
    const answer = await callHook('registration', registrationHandler(contractorRule), fixture('registration.request.json'));
    expect(answer.status).toBe(204);
  });

  it('answers 204 for an unknown requestType', async () => {
    const request = fixture<Record<string, unknown>>('registration.request.json');
    request.requestType = 'some.future.flow';
    const answer = await callHook('registration', registrationHandler({ deniedDomains: ['example.com'] }), request);
    expect(answer.status).toBe(204);
  });

  it('still denies a denied domain while the table is down', async () => {
    const down = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint(), maxAttempts: 1 }), test.name);
    const handler = registrationHandler({ ...hrEnrichment, deniedDomains: ['example.com'] }, down);
    const answer = await callHook('registration', handler, fixture('registration.request.json'));
    expect(commandsOf(answer)).toEqual([{ type: 'com.okta.action.update', value: { registration: 'DENY' } }]);
  });

  it('applies the fail policy when enrichment cannot be read', async () => {
    const down = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint(), maxAttempts: 1 }), test.name);
    const open = await callHook('registration', registrationHandler(hrEnrichment, down), fixture('registration.request.json'));
    expect(open.status).toBe(204);
    const closed = await callHook('registration', registrationHandler({ ...hrEnrichment, failPolicy: 'closed' }, down), fixture('registration.request.json'));
    expect(commandsOf(closed)).toEqual([{ type: 'com.okta.action.update', value: { registration: 'DENY' } }]);
  });
});
