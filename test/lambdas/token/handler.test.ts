import { createDocumentClient } from '../../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../../lambdas/shared/stores/dynamodb-hook-table';
import { cachedUserDirectory } from '../../../lambdas/shared/stores/lookup-cache';
import { tableKeys } from '../../../lambdas/shared/stores/records';
import { createTokenHandler } from '../../../lambdas/token/handler';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { closedPortEndpoint } from '../../support/fault-proxy';
import { createTestTable, type TestTable } from '../../support/dynamo';
import { callHook, commandsOf, errorOf, fixture } from '../../support/hook-harness';
import { captureOutput, type CapturedOutput } from '../../support/output-capture';
import { testConfig, testRuntime } from '../../support/test-runtime';
import type { ServiceConfigInput } from '../../../lambdas/shared/config/service-config';
import { parseServiceConfig } from '../../../lambdas/shared/config/service-config';

let test: TestTable;
let output: CapturedOutput;

beforeAll(async () => {
  test = await createTestTable();
  await test.seed([
    { kind: 'user', login: 'alice@example.com', oktaUserId: '00u5alice0000000a1b2', attributes: { patient_id: 'P-000123', department: 'Cardiology', tier: 3 } },
    { kind: 'user', login: 'dave@example.com', oktaUserId: '00u9dave00000000e5f6', attributes: { patient_id: 'P-000999' } },
  ]);
  await test.putItem({ ...tableKeys.user('erin@example.com'), kind: 'user', login: 'erin@example.com', status: 'deactivated', attributes: { patient_id: 'P-0666' } });
});
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const patientIdClaim = { claims: [{ attribute: 'patient_id', claim: 'extPatientId', tokens: ['access' as const] }] };

const tokenHandler = (token: NonNullable<ServiceConfigInput['hooks']>['token'] = {}, table = test.table) => {
  const config = testConfig({ hooks: { token: { cache: { ttlSeconds: 0 }, ...token } } });
  return createTokenHandler(testRuntime('token', config), config.hooks.token, { users: table });
};

const asUser = (login: string, oktaUserId = '00uother') => {
  const request = fixture<{ data: { context: { user: { id: string; profile: { login: string } }; session: { login: string; userId: string } } } }>('token.request.json');
  request.data.context.user.profile.login = login;
  request.data.context.user.id = oktaUserId;
  request.data.context.session.login = login;
  request.data.context.session.userId = oktaUserId;
  return request;
};

describe('token hook', () => {
  it('adds the patient id as extPatientId to the access token (scenario: patient-id claim)', async () => {
    const answer = await callHook('token', tokenHandler(patientIdClaim), fixture('token.request.json'));
    expect(answer.status).toBe(200);
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/extPatientId', value: 'P-000123' }] },
    ]);
    expect(answer.body).toMatchObject({ debugContext: { lookup: 'found' } });
  });

  it('maps to both tokens, replacing a claim the token already has', async () => {
    const answer = await callHook(
      'token',
      tokenHandler({
        claims: [
          { attribute: 'patient_id', claim: 'extPatientId', tokens: ['identity', 'access'] },
          { attribute: 'department', claim: 'department', tokens: ['access'] },
          { attribute: 'tier', claim: 'tier', tokens: ['identity'] },
          { attribute: 'absent', claim: 'absent', tokens: ['identity'] },
        ],
      }),
      fixture('token.request.json'),
    );
    expect(commandsOf(answer)).toEqual([
      {
        type: 'com.okta.identity.patch',
        value: [
          { op: 'add', path: '/claims/extPatientId', value: 'P-000123' },
          { op: 'add', path: '/claims/tier', value: 3 },
        ],
      },
      {
        type: 'com.okta.access.patch',
        value: [
          { op: 'add', path: '/claims/extPatientId', value: 'P-000123' },
          { op: 'replace', path: '/claims/department', value: 'Cardiology' },
        ],
      },
    ]);
  });

  it('patches only the tokens that were requested (ID token only)', async () => {
    const answer = await callHook(
      'token',
      tokenHandler({ claims: [{ attribute: 'patient_id', claim: 'extPatientId', tokens: ['identity', 'access'] }] }),
      fixture('token.edge.request.json'),
    );
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/extPatientId', value: 'P-000123' }] },
    ]);
  });

  it('answers 204 when there is nothing to add', async () => {
    const answer = await callHook('token', tokenHandler(patientIdClaim), fixture('token.edge.request.json'));
    expect(answer).toMatchObject({ status: 204, text: '' });
  });

  it('answers 204 for a user who is not found, by default', async () => {
    const answer = await callHook('token', tokenHandler(patientIdClaim), asUser('nobody@example.com'));
    expect(answer.status).toBe(204);
  });

  it('stops the token for a user who is not found, when configured', async () => {
    const answer = await callHook(
      'token',
      tokenHandler({ ...patientIdClaim, userNotFound: 'deny', denyMessage: 'No patient record.' }),
      asUser('nobody@example.com'),
    );
    expect(answer.status).toBe(200);
    expect(commandsOf(answer)).toBeUndefined();
    expect(errorOf(answer)).toEqual({ errorSummary: 'No patient record.' });
  });

  it('treats a deactivated user as not found', async () => {
    const answer = await callHook('token', tokenHandler({ ...patientIdClaim, userNotFound: 'deny' }), asUser('erin@example.com'));
    expect(errorOf(answer)).toBeDefined();
    expect(answer.body).toMatchObject({ debugContext: { lookup: 'deactivated' } });
  });

  it('neither looks up nor denies a client-credentials token, which has no user', async () => {
    const answer = await callHook('token', tokenHandler({ ...patientIdClaim, userNotFound: 'deny' }), fixture('token.client-credentials.request.json'));
    expect(answer.status).toBe(204);
  });

  it('changes the lifetime of the requested tokens', async () => {
    const answer = await callHook('token', tokenHandler({ lifetimeSeconds: { access: 900, identity: 1800 } }), fixture('token.edge.request.json'));
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.identity.patch', value: [{ op: 'replace', path: '/token/lifetime/expiration', value: 1800 }] },
    ]);
  });

  it('looks the user up by Okta user id or by a claim', async () => {
    const byId = await callHook('token', tokenHandler({ ...patientIdClaim, lookup: { by: 'oktaUserId' } }), asUser('someone@else', '00u9dave00000000e5f6'));
    expect(commandsOf(byId)).toEqual([
      { type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/extPatientId', value: 'P-000999' }] },
    ]);
    const byClaim = await callHook(
      'token',
      tokenHandler({ ...patientIdClaim, lookup: { by: 'claim', token: 'access', claim: 'uid', holds: 'oktaUserId' } }),
      fixture('token.request.json'),
    );
    expect(commandsOf(byClaim)).toEqual([
      { type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/extPatientId', value: 'P-000123' }] },
    ]);
  });

  it('refuses a configuration that maps to a reserved claim', () => {
    expect(() =>
      parseServiceConfig({ hooks: { token: { claims: [{ attribute: 'x', claim: 'sub', tokens: ['identity'] }] } } }),
    ).toThrow('hooks.token.claims[0].claim: "sub" is a reserved claim of the ID token');
    expect(() => parseServiceConfig({ hooks: { token: { claims: [{ attribute: 'x', claim: 'scp', tokens: ['access'] }] } } })).toThrow(
      'reserved claim of the access token',
    );
  });

  it('serves a repeated lookup from the cache', async () => {
    await test.seed([{ kind: 'user', login: 'cached@example.com', attributes: { patient_id: 'P-CACHE' } }]);
    const config = testConfig({ hooks: { token: { ...patientIdClaim, cache: { ttlSeconds: 60 } } } });
    const handler = createTokenHandler(testRuntime('token', config), config.hooks.token, {
      users: cachedUserDirectory(test.table, config.hooks.token.cache),
    });
    await callHook('token', handler, asUser('cached@example.com'));
    await test.client.send(new DeleteCommand({ TableName: test.name, Key: tableKeys.user('cached@example.com') }));
    const answer = await callHook('token', handler, asUser('cached@example.com'));
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/extPatientId', value: 'P-CACHE' }] },
    ]);
  });

  it('lets the token through unchanged when the table is down (fail open)', async () => {
    const down = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint(), maxAttempts: 1 }), test.name);
    const answer = await callHook('token', tokenHandler(patientIdClaim, down), fixture('token.request.json'));
    expect(answer.status).toBe(204);
  });

  it('stops the token when the table is down and the policy is closed', async () => {
    const down = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint(), maxAttempts: 1 }), test.name);
    const answer = await callHook('token', tokenHandler({ ...patientIdClaim, failPolicy: 'closed' }, down), fixture('token.request.json'));
    expect(errorOf(answer)).toEqual({ errorSummary: 'Token enrichment is temporarily unavailable.' });
  });
});
