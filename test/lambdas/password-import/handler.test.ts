import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ServiceConfigInput } from '../../../lambdas/shared/config/service-config';
import { createPasswordImportHandler } from '../../../lambdas/password-import/handler';
import { createDocumentClient } from '../../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../../lambdas/shared/stores/dynamodb-hook-table';
import { tableKeys } from '../../../lambdas/shared/stores/records';
import vectors from '../../fixtures/legacy-hashes.json';
import { createTestTable, dynaliteEndpoint, type TestTable } from '../../support/dynamo';
import { closedPortEndpoint, startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { callHook, commandsOf, errorOf, fixture } from '../../support/hook-harness';
import { captureOutput, type CapturedOutput } from '../../support/output-capture';
import { testConfig, testRuntime } from '../../support/test-runtime';

let test: TestTable;
let output: CapturedOutput;
let stalledTable: FaultProxy;

const CAROL_HASH = vectors.vectors.find((vector) => vector.password === 'Winter-Lake-42' && vector.algorithm === 'bcrypt')!.hash;
const EDGE_VECTOR = vectors.vectors.find((vector) => vector.password.startsWith('Grüße') && vector.algorithm === 'scrypt')!;

beforeAll(async () => {
  test = await createTestTable();
  await test.seed([
    { kind: 'credential', login: 'carol@example.com', hash: CAROL_HASH },
    { kind: 'credential', login: "o'brien+legacy@example.com", hash: EDGE_VECTOR.hash },
    { kind: 'credential', login: 'weird@example.com', hash: 'md5:5f4dcc3b5aa765d61d8327deb882cf99' },
    ...vectors.vectors.map((vector, index) => ({ kind: 'credential' as const, login: `kat-${index}@example.com`, hash: vector.hash })),
  ]);
  stalledTable = await startFaultProxy(dynaliteEndpoint());
  stalledTable.fault = 'stalled';
});
afterAll(async () => {
  await stalledTable.close();
});
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

type PasswordInput = NonNullable<ServiceConfigInput['hooks']>['password-import'];
const passwordHandler = (settings: PasswordInput = {}, table = test.table, runtime: ServiceConfigInput['runtime'] = {}) => {
  const config = testConfig({ hooks: { 'password-import': settings }, runtime });
  return createPasswordImportHandler(testRuntime('password-import', config), config.hooks['password-import'], { credentials: table });
};

const signIn = (username: string, password: string) => {
  const request = fixture<{ data: { context: { credential: { username: string; password: string } } } }>('password-import.request.json');
  request.data.context.credential = { username, password };
  return request;
};

const VERIFIED = [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }];
const UNVERIFIED = [{ type: 'com.okta.action.update', value: { credential: 'UNVERIFIED' } }];

describe('password import hook', () => {
  it('answers VERIFIED for the right password and records the migration, keeping the hash', async () => {
    const answer = await callHook('password-import', passwordHandler(), fixture('password-import.request.json'));
    expect(commandsOf(answer)).toEqual(VERIFIED);
    expect(answer.body).toMatchObject({ debugContext: { algorithm: 'bcrypt', migrationRecorded: true } });
    const { Item } = await test.client.send(new GetCommand({ TableName: test.name, Key: tableKeys.credential('carol@example.com') }));
    expect(Item).toMatchObject({ hash: CAROL_HASH, verifiedCount: 1, migratedAt: expect.any(String) as string });
  });

  it('verifies again when Okta calls twice (the hash is still there)', async () => {
    const handler = passwordHandler({ recordMigration: false });
    expect(commandsOf(await callHook('password-import', handler, fixture('password-import.request.json')))).toEqual(VERIFIED);
    expect(commandsOf(await callHook('password-import', handler, fixture('password-import.request.json')))).toEqual(VERIFIED);
  });

  it.each(vectors.vectors.map((vector, index) => [vector.algorithm, index, vector] as const))(
    'known-answer vector %s #%i through the handler',
    async (_algorithm, index, vector) => {
      const handler = passwordHandler({ recordMigration: false });
      expect(commandsOf(await callHook('password-import', handler, signIn(`kat-${index}@example.com`, vector.password)))).toEqual(VERIFIED);
      expect(commandsOf(await callHook('password-import', handler, signIn(`kat-${index}@example.com`, `!${vector.password.slice(1)}`)))).toEqual(
        UNVERIFIED,
      );
    },
  );

  it('compares the Classic edge password exactly (Unicode, quotes, backslash, emoji)', async () => {
    const answer = await callHook('password-import', passwordHandler(), fixture('password-import.edge.request.json'));
    expect(commandsOf(answer)).toEqual(VERIFIED);
    const normalised = fixture<{ data: { context: { credential: { password: string } } } }>('password-import.edge.request.json');
    normalised.data.context.credential.password = normalised.data.context.credential.password.normalize('NFD');
    expect(commandsOf(await callHook('password-import', passwordHandler(), normalised))).toEqual(UNVERIFIED);
  });

  it('answers UNVERIFIED for a wrong password, without recording anything', async () => {
    const answer = await callHook('password-import', passwordHandler(), signIn('carol@example.com', 'winter-lake-42'));
    expect(commandsOf(answer)).toEqual(UNVERIFIED);
  });

  it('answers UNVERIFIED for an unknown user', async () => {
    const answer = await callHook('password-import', passwordHandler(), signIn('nobody@example.com', 'Winter-Lake-42'));
    expect(commandsOf(answer)).toEqual(UNVERIFIED);
    expect(answer.body).toMatchObject({ debugContext: { credential: 'not-found' } });
  });

  it('is never VERIFIED when the store is down: the closed fail policy answers an error', async () => {
    const down = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint(), maxAttempts: 1 }), test.name);
    const answer = await callHook('password-import', passwordHandler({}, down), fixture('password-import.request.json'));
    expect(commandsOf(answer)).toBeUndefined();
    expect(errorOf(answer)).toEqual({ errorSummary: 'The legacy credential check is temporarily unavailable.' });
  });

  it('is never VERIFIED when the store is slower than the deadline, and answers in time', async () => {
    const slow = new DynamoHookTable(createDocumentClient({ endpoint: stalledTable.endpoint, maxAttempts: 1 }), test.name);
    const started = Date.now();
    const open = await callHook('password-import', passwordHandler({ failPolicy: 'open' }, slow, { deadlineMs: 300 }), fixture('password-import.request.json'));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(open.status).toBe(204);
  });

  it('is never VERIFIED for a hash in an unsupported format', async () => {
    const answer = await callHook('password-import', passwordHandler(), signIn('weird@example.com', 'password'));
    expect(JSON.stringify(answer.body)).not.toContain('"VERIFIED"');
    expect(errorOf(answer)).toBeDefined();
  });

  it('never writes the password anywhere', async () => {
    await callHook('password-import', passwordHandler(), fixture('password-import.request.json'));
    await callHook('password-import', passwordHandler(), fixture('password-import.edge.request.json'));
    expect(output.text()).not.toContain('Winter-Lake-42');
    expect(output.text()).not.toContain('Grüße');
  });
});
