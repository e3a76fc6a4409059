import type { ServiceConfigInput } from '../../../lambdas/shared/config/service-config';
import { createDocumentClient } from '../../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../../lambdas/shared/stores/dynamodb-hook-table';
import { createUserImportHandler } from '../../../lambdas/user-import/handler';
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
    { kind: 'link', namespace: 'example_hr_app', externalId: 'hr-100001', oktaUserId: '00u5alice0000000a1b2' },
    { kind: 'link', namespace: 'crm', externalId: 'hr-100233', oktaUserId: '00u7erin000000000x1' },
    { kind: 'code', codeSet: 'department', code: 'FIN', value: 'Finance' },
    { kind: 'code', codeSet: 'department', code: 'Logistics', value: 'Logistics & Supply' },
  ]);
});
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

type ImportInput = NonNullable<ServiceConfigInput['hooks']>['user-import'];
const importHandler = (settings: ImportInput = {}, table = test.table) => {
  const config = testConfig({ hooks: { 'user-import': settings } });
  return createUserImportHandler(testRuntime('user-import', config), config.hooks['user-import'], { links: table, codes: table });
};

const transforms = [
  { target: 'user' as const, attribute: 'email', normalize: 'email' as const },
  { target: 'user' as const, attribute: 'login', from: { profile: 'appUser' as const, attribute: 'email' }, normalize: 'email' as const },
  { target: 'user' as const, attribute: 'department', codeSet: 'department' },
];

describe('user import hook', () => {
  it('confirms LINK_USER with the linked user, and transforms the profile', async () => {
    const answer = await callHook('user-import', importHandler({ transforms }), fixture('user-import.edge.request.json'));
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.user.profile.update', value: { email: 'alice.anders@example.com', login: 'alice.anders@example.com', department: 'Finance' } },
      { type: 'com.okta.action.update', value: { result: 'LINK_USER' } },
      { type: 'com.okta.user.update', value: { id: '00u5alice0000000a1b2' } },
    ]);
  });

  it('links a user Okta would have created, when a link record exists', async () => {
    const answer = await callHook('user-import', importHandler({ linkNamespace: 'crm' }), fixture('user-import.request.json'));
    expect(commandsOf(answer)).toEqual([
      { type: 'com.okta.action.update', value: { result: 'LINK_USER' } },
      { type: 'com.okta.user.update', value: { id: '00u7erin000000000x1' } },
    ]);
  });

  it('keeps Okta’s decision when there is no link record, and only sends what changed', async () => {
    const answer = await callHook('user-import', importHandler({ transforms }), fixture('user-import.request.json'));
    expect(commandsOf(answer)).toEqual([{ type: 'com.okta.user.profile.update', value: { department: 'Logistics & Supply' } }]);
  });

  it('answers 204 when nothing changes', async () => {
    const answer = await callHook('user-import', importHandler(), fixture('user-import.request.json'));
    expect(answer.status).toBe(204);
  });

  it('forces CREATE_USER for an Okta match without a link record, when configured', async () => {
    const request = fixture<{ data: { appUser: { profile: Record<string, string> } } }>('user-import.edge.request.json');
    request.data.appUser.profile.externalId = 'hr-unknown';
    const kept = await callHook('user-import', importHandler(), request);
    expect(kept.status).toBe(204);
    const created = await callHook('user-import', importHandler({ unlinkedMatch: 'create' }), request);
    expect(commandsOf(created)).toEqual([{ type: 'com.okta.action.update', value: { result: 'CREATE_USER' } }]);
  });

  it('rejects a record with an unknown code when configured', async () => {
    const request = fixture<{ data: { appUser: { profile: Record<string, string> } } }>('user-import.request.json');
    request.data.appUser.profile.department = 'XYZ';
    const kept = await callHook('user-import', importHandler({ transforms }), request);
    expect(commandsOf(kept)).toEqual([{ type: 'com.okta.user.profile.update', value: { department: 'XYZ' } }]);
    const rejected = await callHook(
      'user-import',
      importHandler({ transforms: [{ target: 'user', attribute: 'department', codeSet: 'department', onUnknownCode: 'reject' }] }),
      request,
    );
    expect(errorOf(rejected)).toEqual({ errorSummary: 'The department value is not a known department code.' });
  });

  it('writes app user attributes when asked to', async () => {
    const answer = await callHook(
      'user-import',
      importHandler({ transforms: [{ target: 'appUser', attribute: 'userName', normalize: 'uppercase' }] }),
      fixture('user-import.request.json'),
    );
    expect(commandsOf(answer)).toEqual([{ type: 'com.okta.appUser.profile.update', value: { userName: 'EEVANS' } }]);
  });

  it('stops this user’s import when the table is down (closed by default)', async () => {
    const down = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint(), maxAttempts: 1 }), test.name);
    const answer = await callHook('user-import', importHandler({ transforms }, down), fixture('user-import.edge.request.json'));
    expect(errorOf(answer)).toEqual({ errorSummary: 'The import transform is temporarily unavailable.' });
  });
});
