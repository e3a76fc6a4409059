import type { SQSRecord } from 'aws-lambda';
import { createEventConsumerHandler } from '../../../lambdas/event-consumer/handler';
import type { QueueMessage } from '../../../lambdas/event-hook/event-queue';
import { queueMessagesOf } from '../../../lambdas/event-hook/event-queue';
import { eventHookDeliverySchema, type LogEvent } from '../../../lambdas/shared/okta/event-hooks';
import { parseServiceConfig } from '../../../lambdas/shared/config/service-config';
import { createObservability } from '../../../lambdas/shared/runtime/observability';
import type { IdempotencyStore, UserLifecycleStore } from '../../../lambdas/shared/stores/ports';
import { createTestTable, type TestTable } from '../../support/dynamo';
import { fixture } from '../../support/hook-harness';
import { lambdaContext } from '../../support/http-events';
import { captureOutput, type CapturedOutput } from '../../support/output-capture';
import { InProcessQueue } from '../../../tools/local/in-process-queue';

let test: TestTable;
let output: CapturedOutput;
const signal = new AbortController().signal;
const settings = parseServiceConfig({}).events;

beforeEach(async () => {
  test = await createTestTable();
  await test.seed([
    { kind: 'user', login: 'bob@example.com', oktaUserId: '00u6bob000000000c3d4', attributes: { department: 'Finance' } },
    { kind: 'credential', login: 'bob@example.com', hash: '$2b$10$x' },
    { kind: 'user', login: 'carol@example.com', oktaUserId: '00u7carol00000000e5', attributes: {} },
    { kind: 'credential', login: 'carol@example.com', hash: '$2b$10$y' },
  ]);
  output = captureOutput();
});
afterEach(() => output.restore());

const consumer = (store: UserLifecycleStore & IdempotencyStore = test.table) =>
  createEventConsumerHandler(createObservability('event-consumer', { logLevel: 'INFO' }), { store, settings });

let sequence = 0;
const sqsRecord = (message: QueueMessage): SQSRecord => {
  sequence += 1;
  return {
    messageId: `m-${sequence}`,
    receiptHandle: `r-${sequence}`,
    body: JSON.stringify(message.body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
      MessageGroupId: message.groupId,
      MessageDeduplicationId: message.deduplicationId,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:events.fifo',
    awsRegion: 'eu-central-1',
  };
};

const lifecycleEvent = (eventType: string, user: { id: string; login: string }, options: Partial<LogEvent> = {}): LogEvent => ({
  uuid: `uuid-${eventType}-${user.id}-${Math.random().toString(36).slice(2)}`,
  published: new Date().toISOString(),
  eventType,
  outcome: { result: 'SUCCESS', reason: null },
  target: [{ id: user.id, type: 'User', alternateId: user.login, displayName: user.login }],
  ...options,
});

const messageOf = (event: LogEvent): QueueMessage => ({
  body: { deliveryEventId: 'delivery-1', event },
  groupId: event.target?.[0]?.id ?? 'org',
  deduplicationId: event.uuid,
});

const consume = async (events: LogEvent[], handler = consumer()) => {
  const records = events.map((event) => sqsRecord(messageOf(event)));
  const response = await handler({ Records: records }, lambdaContext(30_000));
  return { records, failures: response.batchItemFailures.map((failure) => failure.itemIdentifier) };
};

const bob = { id: '00u6bob000000000c3d4', login: 'bob@example.com' };
const carol = { id: '00u7carol00000000e5', login: 'carol@example.com' };

describe('event consumer against the real local DynamoDB API', () => {
  it('deletes the legacy hash once Okta reports the password stored (user.import.password SUCCESS)', async () => {
    await consume([lifecycleEvent('user.import.password', bob)]);
    await expect(test.table.findCredential('bob@example.com', signal)).resolves.toBeUndefined();
    await expect(test.table.findUser({ by: 'login', login: 'bob@example.com' }, signal)).resolves.toBeDefined();
  });

  it('keeps the hash when the import failed in Okta', async () => {
    await consume([lifecycleEvent('user.import.password', bob, { outcome: { result: 'FAILURE', reason: 'x' } })]);
    await expect(test.table.findCredential('bob@example.com', signal)).resolves.toBeDefined();
  });

  it('marks a deactivated user, and reactivates them', async () => {
    await consume([lifecycleEvent('user.lifecycle.deactivate', bob)]);
    await expect(test.table.findUser({ by: 'login', login: 'bob@example.com' }, signal)).resolves.toMatchObject({ status: 'deactivated' });
    await consume([lifecycleEvent('user.lifecycle.reactivate', bob)]);
    await expect(test.table.findUser({ by: 'login', login: 'bob@example.com' }, signal)).resolves.toMatchObject({ status: 'active' });
  });

  it('removes the records of a deleted user', async () => {
    await consume([lifecycleEvent('user.lifecycle.delete.initiated', carol)]);
    await expect(test.table.findUser({ by: 'login', login: 'carol@example.com' }, signal)).resolves.toBeUndefined();
    await expect(test.table.findCredential('carol@example.com', signal)).resolves.toBeUndefined();
  });

  it('processes the fixture batch (out of order, one FAILURE) and skips unconfigured types', async () => {
    const delivery = eventHookDeliverySchema.parse(fixture('event-hook.edge.request.json'));
    const handler = consumer();
    const response = await handler({ Records: queueMessagesOf(delivery).map(sqsRecord) }, lambdaContext(30_000));
    expect(response.batchItemFailures).toEqual([]);
    // The deactivation FAILED in Okta: nothing to mirror.
    await expect(test.table.findUser({ by: 'login', login: 'bob@example.com' }, signal)).resolves.toMatchObject({ status: 'active' });
    const logged = output.lines().filter((line) => line.message === 'event').map((line) => line.result);
    expect(logged).toEqual(['no-handler', 'outcome-not-success']);
  });

  it('processes an event delivered twice only once', async () => {
    const event = lifecycleEvent('user.lifecycle.deactivate', bob);
    await consume([event, event]);
    await consume([event]);
    const statuses = output.lines().filter((line) => line.message === 'event').map((line) => line.status);
    expect(statuses).toEqual(['processed', 'duplicate', 'duplicate']);
  });

  it('retries only the failing event; later events of the same user wait, others go on', async () => {
    let failures = 1;
    const flaky: UserLifecycleStore & IdempotencyStore = Object.assign(Object.create(test.table) as typeof test.table, {
      deleteCredential: (login: string, abort: AbortSignal) => {
        if (login === 'bob@example.com' && failures > 0) {
          failures -= 1;
          return Promise.reject(new Error('throttled'));
        }
        return test.table.deleteCredential(login, abort);
      },
    });
    const first = lifecycleEvent('user.import.password', bob);
    const second = lifecycleEvent('user.lifecycle.deactivate', bob);
    const other = lifecycleEvent('user.import.password', carol);
    const handler = consumer(flaky);
    const batch = await consume([first, second, other], handler);
    expect(batch.failures).toEqual([batch.records[0]?.messageId, batch.records[1]?.messageId]);
    await expect(test.table.findCredential('carol@example.com', signal)).resolves.toBeUndefined();
    await expect(test.table.findUser({ by: 'login', login: 'bob@example.com' }, signal)).resolves.toMatchObject({ status: 'active' });

    // The redelivery of the two handed-back messages succeeds; the event already done is not repeated.
    const retry = await consume([first, second, other], handler);
    expect(retry.failures).toEqual([]);
    await expect(test.table.findCredential('bob@example.com', signal)).resolves.toBeUndefined();
    await expect(test.table.findUser({ by: 'login', login: 'bob@example.com' }, signal)).resolves.toMatchObject({ status: 'deactivated' });
    const statuses = output.lines().filter((line) => line.message === 'event').map((line) => line.status);
    expect(statuses).toEqual(['failed', 'blocked', 'processed', 'processed', 'processed', 'duplicate']);
  });

  it('acknowledges a message that can never be processed', async () => {
    const record = sqsRecord(messageOf(lifecycleEvent('user.lifecycle.deactivate', bob)));
    record.body = '{"event": {"uuid": 1}}';
    const response = await consumer()({ Records: [record] }, lambdaContext(30_000));
    expect(response.batchItemFailures).toEqual([]);
    expect(output.lines().find((line) => line.message === 'event')).toMatchObject({ status: 'malformed', level: 'WARN' });
  });

  it('runs behind the local in-process queue the same way, retrying until it succeeds', async () => {
    let failures = 2;
    const flaky = Object.assign(Object.create(test.table) as typeof test.table, {
      setUserStatus: (...args: Parameters<typeof test.table.setUserStatus>) => {
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new Error('throttled'));
        }
        return test.table.setUserStatus(...args);
      },
    });
    const handler = consumer(flaky);
    const queue = new InProcessQueue((event) => handler(event, lambdaContext(30_000)), { retryDelayMs: 10 });
    await queue.enqueue([messageOf(lifecycleEvent('user.lifecycle.deactivate', bob))]);
    await queue.drain();
    queue.stop();
    expect(queue.deadLetters).toEqual([]);
    await expect(test.table.findUser({ by: 'login', login: 'bob@example.com' }, signal)).resolves.toMatchObject({ status: 'deactivated' });
  });
});
