import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createEventHookHandler } from '../../../lambdas/event-hook/handler';
import type { ServiceConfigInput } from '../../../lambdas/shared/config/service-config';
import type { EventQueue, QueueMessage, QueuedEvent } from '../../../lambdas/event-hook/event-queue';
import { sqsEventQueue } from '../../../lambdas/event-hook/sqs-event-queue';
import { SharedSecretAuthenticator } from '../../../lambdas/shared/runtime/auth/shared-secret';
import { createObservability } from '../../../lambdas/shared/runtime/observability';
import { environmentSecret } from '../../../lambdas/shared/stores/secret-sources';
import { fixture } from '../../support/hook-harness';
import { httpEvent } from '../../support/http-events';
import { captureOutput, type CapturedOutput } from '../../support/output-capture';
import { invoke } from '../../support/test-handler';
import { authHeaders, TEST_SECRET, testConfig } from '../../support/test-runtime';

const sqs = mockClient(SQSClient);
let output: CapturedOutput;

beforeEach(() => {
  sqs.reset();
  output = captureOutput();
});
afterEach(() => output.restore());

/** Collects what would go to the queue. */
const recordingQueue = () => {
  const messages: QueueMessage[] = [];
  const queue: EventQueue = {
    enqueue: (batch) => {
      messages.push(...batch);
      return Promise.resolve();
    },
  };
  return { messages, queue };
};

const eventHookHandler = (queue: EventQueue, events: ServiceConfigInput['events'] = {}) => {
  const config = testConfig({ events });
  return createEventHookHandler(
    {
      settings: config.events,
      deadlineMs: config.runtime.deadlineMs,
      authenticator: new SharedSecretAuthenticator({
        headerName: config.events.headerName,
        source: environmentSecret({ OKTA_HOOK_SECRET: TEST_SECRET }),
      }),
      ...createObservability('event-hook', config.runtime),
    },
    queue,
  );
};

const verification = fixture<{ headers: Record<string, string>; expectedResponse: { body: unknown } }>('event-hook.verification.http.json');

describe('event hook endpoint', () => {
  it('answers the one-time verification by echoing the challenge (fixture envelope)', async () => {
    const { queue } = recordingQueue();
    const answer = await invoke(
      eventHookHandler(queue),
      httpEvent({ method: 'GET', path: '/hooks/events', headers: { ...verification.headers, authorization: TEST_SECRET } }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.body).toEqual(verification.expectedResponse.body);
  });

  it('refuses a verification without the secret, unless configured otherwise', async () => {
    const { queue } = recordingQueue();
    const event = () => httpEvent({ method: 'GET', path: '/hooks/events', headers: { 'x-okta-verification-challenge': 'abc' } });
    expect((await invoke(eventHookHandler(queue), event())).status).toBe(401);
    const open = await invoke(eventHookHandler(queue, { authenticateVerification: false }), event());
    expect(open.body).toEqual({ verification: 'abc' });
  });

  it('answers 400 for a verification without a challenge', async () => {
    const { queue } = recordingQueue();
    const answer = await invoke(eventHookHandler(queue), httpEvent({ method: 'GET', path: '/hooks/events', headers: authHeaders }));
    expect(answer.status).toBe(400);
  });

  it('queues a delivery and answers 200 with an empty body', async () => {
    const { messages, queue } = recordingQueue();
    const answer = await invoke(eventHookHandler(queue), httpEvent({ body: fixture('event-hook.request.json'), headers: authHeaders }));
    expect(answer).toMatchObject({ status: 200, text: '' });
    expect(messages).toEqual([
      {
        groupId: '00u6bob000000000c3d4',
        deduplicationId: 'a3c1e9f0-1d2e-11f1-8a01-000000000001',
        body: expect.objectContaining({ deliveryEventId: '6f1c2b7a-1111-4a2b-9c3d-000000000001' }) as QueuedEvent,
      },
    ]);
  });

  it('queues every event of a batch, in published order', async () => {
    const { messages, queue } = recordingQueue();
    await invoke(eventHookHandler(queue), httpEvent({ body: fixture('event-hook.edge.request.json'), headers: authHeaders }));
    expect(messages.map((message) => message.body.event.eventType)).toEqual(['group.user_membership.add', 'user.lifecycle.deactivate']);
  });

  it.each([
    ['no secret', {}, 401],
    ['a wrong secret', { authorization: 'Basic d3Jvbmctc2VjcmV0LXZhbHVl' }, 401],
  ])('answers %s with %i (not retried by Okta)', async (_name, headers, status) => {
    const { messages, queue } = recordingQueue();
    const answer = await invoke(eventHookHandler(queue), httpEvent({ body: fixture('event-hook.request.json'), headers }));
    expect(answer.status).toBe(status);
    expect(messages).toHaveLength(0);
  });

  it('answers 400 for a body that is not a delivery', async () => {
    const { queue } = recordingQueue();
    const answer = await invoke(eventHookHandler(queue), httpEvent({ body: fixture('token.request.json'), headers: authHeaders }));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('eventType');
  });

  it('answers 503 when the queue is down, so Okta retries once', async () => {
    const queue: EventQueue = { enqueue: () => Promise.reject(new Error('queue unavailable')) };
    const answer = await invoke(eventHookHandler(queue), httpEvent({ body: fixture('event-hook.request.json'), headers: authHeaders }));
    expect(answer.status).toBe(503);
  });

  it('answers 405 for other methods', async () => {
    const { queue } = recordingQueue();
    const answer = await invoke(eventHookHandler(queue), httpEvent({ method: 'PUT', body: '{}', headers: authHeaders }));
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, POST');
  });
});

describe('SQS FIFO queue adapter (stubbed at the SDK client boundary)', () => {
  const message = (index: number): QueueMessage => ({
    body: { deliveryEventId: 'd-1', event: { uuid: `u-${index}`, published: '2026-01-01T00:00:00Z', eventType: 'x' } },
    groupId: `group-${index % 2}`,
    deduplicationId: `u-${index}`,
  });

  it('sends in batches of ten with group and deduplication ids', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await sqsEventQueue('https://sqs.example/q.fifo').enqueue(Array.from({ length: 23 }, (_, index) => message(index)), new AbortController().signal);
    const batches = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries ?? []);
    expect(batches.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(batches[0]?.[1]).toMatchObject({ MessageGroupId: 'group-1', MessageDeduplicationId: 'u-1' });
  });

  it('sends entries SQS refused once more, then gives up loudly', async () => {
    sqs.on(SendMessageBatchCommand).resolvesOnce({ Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }] }).resolves({ Failed: [] });
    await sqsEventQueue('https://sqs.example/q.fifo').enqueue([message(0), message(1)], new AbortController().signal);
    expect(sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries?.map((entry) => entry.Id))).toEqual([['0', '1'], ['1']]);

    sqs.reset();
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }] });
    await expect(sqsEventQueue('https://sqs.example/q.fifo').enqueue([message(0)], new AbortController().signal)).rejects.toThrow(
      '1 events could not be queued',
    );
  });
});
