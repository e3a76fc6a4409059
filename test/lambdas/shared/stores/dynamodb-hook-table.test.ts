import { setMaxListeners } from 'node:events';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DependencyFailure } from '../../../../lambdas/shared/stores/dependency-failure';
import { createDocumentClient } from '../../../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../../../lambdas/shared/stores/dynamodb-hook-table';
import { tableKeys } from '../../../../lambdas/shared/stores/records';
import { createTestTable, dynaliteEndpoint, type TestTable } from '../../../support/dynamo';
import { closedPortEndpoint, startFaultProxy, type FaultProxy } from '../../../support/fault-proxy';

const signal = new AbortController().signal;
let test: TestTable;

beforeAll(async () => {
  test = await createTestTable();
  await test.seed([
    { kind: 'user', login: 'Alice@Example.com', oktaUserId: '00u5alice0000000a1b2', attributes: { patient_id: 'P-000123', roles: ['a', 'b'] } },
    { kind: 'user', login: 'bob@example.com', attributes: { department: 'Finance' } },
    { kind: 'credential', login: 'carol@example.com', hash: '$2b$10$abcdefghijklmnopqrstuu1234567890123456789012345678901' },
    { kind: 'link', namespace: 'example_hr_app', externalId: 'hr-100001', oktaUserId: '00u5alice0000000a1b2' },
    { kind: 'code', codeSet: 'department', code: 'FIN', value: 'Finance' },
  ]);
});

describe('DynamoHookTable against a real DynamoDB API', () => {
  it('finds a user by login, whatever its case', async () => {
    await expect(test.table.findUser({ by: 'login', login: ' ALICE@example.COM ' }, signal)).resolves.toMatchObject({
      login: 'alice@example.com',
      status: 'active',
      attributes: { patient_id: 'P-000123', roles: ['a', 'b'] },
    });
  });

  it('finds a user by Okta user id through the index', async () => {
    await expect(test.table.findUser({ by: 'oktaUserId', oktaUserId: '00u5alice0000000a1b2' }, signal)).resolves.toMatchObject({
      login: 'alice@example.com',
    });
    await expect(test.table.findUser({ by: 'oktaUserId', oktaUserId: '00unobody' }, signal)).resolves.toBeUndefined();
  });

  it('refuses a malformed item instead of guessing', async () => {
    await test.putItem({ ...tableKeys.user('broken@example.com'), attributes: 'not a map' });
    await expect(test.table.findUser({ by: 'login', login: 'broken@example.com' }, signal)).rejects.toThrow(
      /malformed user item USER#broken@example.com\/PROFILE/,
    );
  });

  it('refuses two users holding one Okta user id', async () => {
    await test.seed([
      { kind: 'user', login: 'twin1@example.com', oktaUserId: '00utwin' },
      { kind: 'user', login: 'twin2@example.com', oktaUserId: '00utwin' },
    ]);
    await expect(test.table.findUser({ by: 'oktaUserId', oktaUserId: '00utwin' }, signal)).rejects.toBeInstanceOf(DependencyFailure);
  });

  it('records a migration without touching the hash', async () => {
    await test.table.recordMigration('Carol@example.com', new Date('2026-11-23T10:00:00Z'), signal);
    await test.table.recordMigration('carol@example.com', new Date('2026-11-23T11:00:00Z'), signal);
    const { Item } = await test.client.send(new GetCommand({ TableName: test.name, Key: tableKeys.credential('carol@example.com') }));
    expect(Item).toMatchObject({
      hash: '$2b$10$abcdefghijklmnopqrstuu1234567890123456789012345678901',
      migratedAt: '2026-11-23T11:00:00.000Z',
      verifiedCount: 2,
    });
  });

  it('does not create a credential when recording a migration for an unknown login', async () => {
    await expect(test.table.recordMigration('nobody@example.com', new Date(), signal)).rejects.toBeInstanceOf(DependencyFailure);
    await expect(test.table.findCredential('nobody@example.com', signal)).resolves.toBeUndefined();
  });

  it('reads link and code records', async () => {
    await expect(test.table.findLink('example_hr_app', 'hr-100001', signal)).resolves.toMatchObject({ oktaUserId: '00u5alice0000000a1b2' });
    await expect(test.table.findLink('other_app', 'hr-100001', signal)).resolves.toBeUndefined();
    await expect(test.table.findCode('department', 'FIN', signal)).resolves.toMatchObject({ value: 'Finance' });
  });

  describe('idempotency', () => {
    it('lets exactly one of many concurrent claims win', async () => {
      // Twelve calls in flight on one signal, each with its abort listener: more than Node's default warning threshold.
      const concurrent = new AbortController().signal;
      setMaxListeners(20, concurrent);
      const claims = await Promise.all(Array.from({ length: 12 }, () => test.table.claim('test', 'event-1', 60, concurrent)));
      expect(claims.filter((claim) => claim.state === 'claimed')).toHaveLength(1);
      expect(claims.filter((claim) => claim.state === 'in-progress')).toHaveLength(11);
    });

    it('hands the stored result to later duplicates', async () => {
      await test.table.claim('test', 'event-2', 60, signal);
      await test.table.complete('test', 'event-2', { status: 'SUCCESSFUL', transactionId: 't-1' }, 60, signal);
      await expect(test.table.claim('test', 'event-2', 60, signal)).resolves.toEqual({
        state: 'completed',
        result: { status: 'SUCCESSFUL', transactionId: 't-1' },
      });
    });

    it('treats a record past its time to live as gone (TTL deletion is lazy)', async () => {
      let now = Date.parse('2026-11-23T10:00:00Z');
      const table = new DynamoHookTable(test.client, test.name, () => now);
      await expect(table.claim('test', 'event-3', 60, signal)).resolves.toEqual({ state: 'claimed' });
      now += 61_000;
      await expect(table.claim('test', 'event-3', 60, signal)).resolves.toEqual({ state: 'claimed' });
    });
  });

  describe('when the table is not reachable', () => {
    let stalledTable: FaultProxy;

    beforeAll(async () => {
      // Accepts calls and never answers: a table slower than any deadline.
      stalledTable = await startFaultProxy(dynaliteEndpoint());
      stalledTable.fault = 'stalled';
    });

    afterAll(async () => {
      await stalledTable.close();
    });

    it('fails as a DependencyFailure when nothing listens', async () => {
      const down = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint(), maxAttempts: 1 }), 'any');
      await expect(down.findUser({ by: 'login', login: 'alice@example.com' }, signal)).rejects.toBeInstanceOf(DependencyFailure);
    });

    it('stops waiting when the deadline aborts the call', async () => {
      const slow = new DynamoHookTable(createDocumentClient({ endpoint: stalledTable.endpoint, maxAttempts: 1 }), 'any');
      const started = Date.now();
      await expect(slow.findUser({ by: 'login', login: 'alice@example.com' }, AbortSignal.timeout(100))).rejects.toBeInstanceOf(
        DependencyFailure,
      );
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
});
