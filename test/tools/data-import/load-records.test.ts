import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../lambdas/shared/stores/dynamodb-client';
import { importRecordSchema, type ImportRecord } from '../../../lambdas/shared/stores/records';
import { loadRecords } from '../../../tools/data-import/load-records';
import { readRecords } from '../../../tools/data-import/read-records';
import { createTestTable, dynaliteEndpoint, type TestTable } from '../../support/dynamo';

const run = promisify(execFile);
const repository = path.join(__dirname, '../../..');
const mixedCsv = path.join(repository, 'test/fixtures/import/mixed.csv');
const signal = new AbortController().signal;

const records = (count: number): ImportRecord[] =>
  Array.from({ length: count }, (_, index) =>
    importRecordSchema.parse({ kind: 'user', login: `user-${index}@example.com`, attributes: { patient_id: `P-${index}` } }),
  );

const scanAll = async (test: TestTable) => (await test.client.send(new ScanCommand({ TableName: test.name }))).Items ?? [];

describe('loading records', () => {
  let test: TestTable;
  beforeEach(async () => {
    test = await createTestTable();
  });

  it('loads in batches, and a second run changes nothing', async () => {
    const first = await loadRecords(records(60), { client: test.client, tableName: test.name });
    expect(first).toEqual({ written: 60, unchanged: 0, failed: 0 });
    const before = await scanAll(test);
    const second = await loadRecords(records(60), { client: test.client, tableName: test.name });
    expect(second).toEqual({ written: 0, unchanged: 60, failed: 0 });
    expect(await scanAll(test)).toEqual(before);
  });

  it('writes only what changed', async () => {
    await loadRecords(records(5), { client: test.client, tableName: test.name });
    const changed = records(5);
    changed[2] = importRecordSchema.parse({ kind: 'user', login: 'user-2@example.com', attributes: { patient_id: 'P-CHANGED' } });
    await expect(loadRecords(changed, { client: test.client, tableName: test.name })).resolves.toEqual({ written: 1, unchanged: 4, failed: 0 });
    await expect(test.table.findUser({ by: 'login', login: 'user-2@example.com' }, signal)).resolves.toMatchObject({
      attributes: { patient_id: 'P-CHANGED' },
    });
  });

  it('keeps what the hooks wrote when the same credential is imported again', async () => {
    const credential = importRecordSchema.parse({ kind: 'credential', login: 'carol@example.com', hash: '$2b$10$x' });
    await loadRecords([credential], { client: test.client, tableName: test.name });
    await test.table.recordMigration('carol@example.com', new Date('2026-11-23T10:00:00Z'), signal);
    await expect(loadRecords([credential], { client: test.client, tableName: test.name })).resolves.toEqual({
      written: 0,
      unchanged: 1,
      failed: 0,
    });
    await expect(test.table.findCredential('carol@example.com', signal)).resolves.toMatchObject({ migratedAt: '2026-11-23T10:00:00.000Z' });
  });

  it('retries the items DynamoDB leaves unprocessed', async () => {
    // The real table answers; this client only holds back half of each first batch, as a
    // throttled DynamoDB does, to prove the retry path.
    const client = createDocumentClient({ endpoint: dynaliteEndpoint(), maxAttempts: 1 });
    let heldBack = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { RequestItems?: Record<string, { PutRequest?: unknown }[]> };
        const requests = input.RequestItems?.[test.name];
        if (context.commandName !== 'BatchWriteItemCommand' || !requests || heldBack > 0) return next(args);
        const kept = requests.slice(0, Math.ceil(requests.length / 2));
        const held = requests.slice(kept.length);
        heldBack += held.length;
        const result = await next({ ...args, input: { ...input, RequestItems: { [test.name]: kept } } });
        (result.output as { UnprocessedItems?: unknown }).UnprocessedItems = { [test.name]: held };
        return result;
      },
      { step: 'initialize', name: 'holdBackHalf' },
    );
    const report = await loadRecords(records(20), { client, tableName: test.name, baseDelayMs: 1 });
    expect(heldBack).toBe(10);
    expect(report).toEqual({ written: 20, unchanged: 0, failed: 0 });
    expect(await scanAll(test)).toHaveLength(20);
  });

  it('loads the good rows of a mixed file', async () => {
    const read = readRecords(readFileSync(mixedCsv, 'utf8'), 'csv');
    await loadRecords(read.good.map((row) => row.record), { client: test.client, tableName: test.name });
    await expect(test.table.findUser({ by: 'oktaUserId', oktaUserId: '00u5alice0000000a1b2' }, signal)).resolves.toMatchObject({
      attributes: { patient_id: 'P-000123' },
    });
    await expect(test.table.findCode('department', 'FIN', signal)).resolves.toMatchObject({ value: 'Finance' });
  });
});

describe('npm run data:import', () => {
  it('loads the good rows, names the bad ones, and changes nothing on a second run', async () => {
    const test = await createTestTable();
    const command = ['--import', 'tsx', 'bin/data-import.ts', '--file', mixedCsv, '--table', test.name, '--endpoint', dynaliteEndpoint()];
    const environment = { ...process.env, AWS_REGION: 'local' };
    const first = await run(process.execPath, command, { cwd: repository, env: environment }).catch((error: { code: number; stdout: string }) => error);
    expect(first).toMatchObject({ code: 2 });
    expect(first.stdout).toContain('read 10 rows from');
    expect(first.stdout).toContain('5 valid, 5 rejected');
    expect(first.stdout).toContain('line 3: login: expected string');
    expect(first.stdout).toContain('line 11: the same item as line 2');
    expect(first.stdout).toContain(`${test.name}: 5 written, 0 unchanged`);
    const before = await scanAll(test);

    const second = await run(process.execPath, command, { cwd: repository, env: environment }).catch((error: { code: number; stdout: string }) => error);
    expect(second.stdout).toContain(`${test.name}: 0 written, 5 unchanged`);
    expect(await scanAll(test)).toEqual(before);
  });

  it('compares a dry run with the table and writes nothing', async () => {
    const test = await createTestTable();
    const command = ['--import', 'tsx', 'bin/data-import.ts', '--file', mixedCsv, '--table', test.name, '--endpoint', dynaliteEndpoint(), '--dry-run'];
    const dryRun = await run(process.execPath, command, { cwd: repository, env: { ...process.env, AWS_REGION: 'local' } }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect(dryRun).toMatchObject({ code: 2 });
    expect(dryRun.stdout).toContain(`${test.name}: 5 would be written, 0 unchanged`);
    expect(await scanAll(test)).toEqual([]);
  });

  it('validates a file with no table and no AWS at all on a dry run', async () => {
    const withoutAws = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('HOOKS_') && name !== 'DYNAMODB_ENDPOINT'));
    const dryRun = await run(process.execPath, ['--import', 'tsx', 'bin/data-import.ts', '--file', mixedCsv, '--dry-run'], {
      cwd: repository,
      env: withoutAws,
    }).catch((error: { code: number; stdout: string }) => error);
    expect(dryRun).toMatchObject({ code: 2 });
    expect(dryRun.stdout).toContain('5 valid, 5 rejected');
    expect(dryRun.stdout).toContain('line 3: login: expected string');
    expect(dryRun.stdout).toContain('the file was validated, nothing was compared or written');
  });

  it('says how to name the region when the SDK finds none', async () => {
    const withoutAws = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('HOOKS_') && name !== 'DYNAMODB_ENDPOINT'));
    const noProfile = { ...withoutAws, AWS_CONFIG_FILE: path.join(repository, 'no-such-aws-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(repository, 'no-such-aws-credentials') };
    const failed = await run(process.execPath, ['--import', 'tsx', 'bin/data-import.ts', '--file', mixedCsv, '--table', 'records'], {
      cwd: repository,
      env: noProfile,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect(failed.stderr).toContain('--region, AWS_REGION or your AWS profile');
  });

  it('names the table and where it looked when the table is not there', async () => {
    const failed = await run(
      process.execPath,
      ['--import', 'tsx', 'bin/data-import.ts', '--file', mixedCsv, '--table', 'no-such-table', '--endpoint', dynaliteEndpoint()],
      { cwd: repository, env: { ...process.env, AWS_REGION: 'local' } },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect(failed.stderr).toContain(`table no-such-table not found at ${dynaliteEndpoint()}`);
  });

  it('explains what is missing', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'bin/data-import.ts'], { cwd: repository }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect(failed.stderr).toContain('--file is required');
  });
});
