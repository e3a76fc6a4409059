/**
 * Every inline hook with its dependencies failing: DynamoDB throttled, stalled past the
 * deadline, resetting connections, unreachable, answering garbage or a malformed item (through
 * a fault-injecting proxy in front of the suite's dynalite, so the real SDK retries and
 * times out); the secret store failing or slow; the SMS provider slow or failing (stubbed at
 * the SDK client, the only boundary that cannot run here). Each hook must answer well within
 * Okta's 3 s with its fail policy, in a form the contract accepts; password import is never
 * VERIFIED unless the check ran; telephony never sends twice for one eventId.
 */
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createPasswordImportHandler } from '../../lambdas/password-import/handler';
import { createRegistrationHandler } from '../../lambdas/registration/handler';
import { createSamlHandler } from '../../lambdas/saml/handler';
import type { FailPolicy } from '../../lambdas/shared/config/service-config';
import { inlineHookNames, type InlineHookName } from '../../lambdas/shared/okta/hook-types';
import { createAuthenticator } from '../../lambdas/shared/runtime/auth/create-authenticator';
import type { SecretSource } from '../../lambdas/shared/runtime/auth/shared-secret';
import { failPolicyAnswer } from '../../lambdas/shared/runtime/fail-policy';
import type { HttpEvent, HttpResult } from '../../lambdas/shared/runtime/http';
import { createInlineHookRuntime } from '../../lambdas/shared/runtime/inline-hook-runtime';
import { createDocumentClient } from '../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../lambdas/shared/stores/dynamodb-hook-table';
import { tableKeys } from '../../lambdas/shared/stores/records';
import { environmentSecret, secretSourceFor } from '../../lambdas/shared/stores/secret-sources';
import { createTelephonyHandler } from '../../lambdas/telephony/handler';
import { endUserMessagingSender } from '../../lambdas/telephony/providers/end-user-messaging';
import { createTokenHandler } from '../../lambdas/token/handler';
import { createUserImportHandler } from '../../lambdas/user-import/handler';
import { fixturesOf } from '../support/arbitraries';
import { createTestTable, dynaliteEndpoint, type TestTable } from '../support/dynamo';
import { closedPortEndpoint, startFaultProxy, type DynamoFault, type FaultProxy } from '../support/fault-proxy';
import { fixture } from '../support/hook-harness';
import { type lambdaContext } from '../support/http-events';
import { captureOutput, type CapturedOutput } from '../support/output-capture';
import { invoke, type Answer } from '../support/test-handler';
import { authHeaders, testConfig } from '../support/test-runtime';
import { checkAnswer } from '../../lambdas/shared/okta/checker';
import { inlineRequestSchemaOf } from '../../lambdas/shared/okta/requests';
import { httpEvent } from '../support/http-events';

const DEADLINE_MS = 250;
/** Far above the deadline, far below Okta's 3 s: an answer later than this waited on a fault. */
const ANSWERED_IN_TIME_MS = 1500;

const smsVoice = mockClient(PinpointSMSVoiceV2Client);
const secretsManager = mockClient(SecretsManagerClient);

let test: TestTable;
let proxy: FaultProxy;
let output: CapturedOutput;
let eventCounter = 0;

beforeAll(async () => {
  test = await createTestTable();
  proxy = await startFaultProxy(dynaliteEndpoint());
});
afterAll(() => proxy.close());
beforeEach(() => {
  smsVoice.reset();
  smsVoice.on(SendTextMessageCommand).resolves({ MessageId: 'msg-1' });
  secretsManager.reset();
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  proxy.fault = 'none';
});

type Handler = (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<HttpResult>;

const configFor = (policy: FailPolicy) =>
  testConfig({
    runtime: { deadlineMs: DEADLINE_MS },
    hooks: {
      token: { failPolicy: policy, claims: [{ attribute: 'patient_id', claim: 'extPatientId', tokens: ['access'] }] },
      registration: { failPolicy: policy, enrichment: { attributes: { department: 'department' } } },
      saml: { failPolicy: policy, attributes: [{ attribute: 'department', name: 'department' }] },
      'password-import': { failPolicy: policy },
      'user-import': { failPolicy: policy, transforms: [{ target: 'user', attribute: 'department', codeSet: 'department' }] },
      telephony: { originationIdentity: '+18005550100' },
    },
  });

/** Each hook as its handler.ts composes it, over the table and secret source given. */
const handlerFor = (hook: InlineHookName, policy: FailPolicy, table: DynamoHookTable, secret?: SecretSource): Handler => {
  const config = configFor(policy);
  const runtime = <H extends InlineHookName>(name: H) =>
    createInlineHookRuntime(name, config, createAuthenticator(config.auth, () => secret ?? environmentSecret({ OKTA_HOOK_SECRET: authHeaders.authorization })));
  const { hooks } = config;
  switch (hook) {
    case 'token':
      return createTokenHandler(runtime('token'), hooks.token, { users: table });
    case 'registration':
      return createRegistrationHandler(runtime('registration'), hooks.registration, { users: table });
    case 'saml':
      return createSamlHandler(runtime('saml'), hooks.saml, { users: table });
    case 'password-import':
      return createPasswordImportHandler(runtime('password-import'), hooks['password-import'], { credentials: table });
    case 'user-import':
      return createUserImportHandler(runtime('user-import'), hooks['user-import'], { links: table, codes: table });
    case 'telephony':
      return createTelephonyHandler(runtime('telephony'), hooks.telephony, { sender: endUserMessagingSender(hooks.telephony), idempotency: table });
  }
};

/** A fixture request; telephony gets a fresh eventId so calls do not see each other's deliveries. */
const requestFor = (hook: InlineHookName) => {
  const body = fixture<{ eventId: string }>(fixturesOf[hook][0] ?? '');
  if (hook === 'telephony') body.eventId = `${body.eventId}-${String((eventCounter += 1))}`;
  return body;
};

const call = async (hook: InlineHookName, handler: Handler, body: unknown): Promise<Answer & { elapsedMs: number }> => {
  const started = performance.now();
  const answer = await invoke(handler, httpEvent({ body: body as object, headers: authHeaders, path: `/hooks/${hook}` }));
  const elapsedMs = performance.now() - started;
  const verdict = checkAnswer(hook, inlineRequestSchemaOf[hook].parse(body), { status: answer.status, body: answer.body, bodyText: answer.text });
  expect(verdict.violations).toEqual([]);
  return { ...answer, elapsedMs };
};

/** The answer minus debugContext, in the shape the fail policy builds it. */
const expectFailPolicy = (hook: InlineHookName, policy: FailPolicy, answer: Answer) => {
  const expected = failPolicyAnswer(hook, policy);
  expect(answer.status).toBe(expected.status);
  if (expected.status === 200) {
    const { debugContext: _debugContext, ...body } = answer.body as Record<string, unknown>;
    expect(body).toEqual(JSON.parse(JSON.stringify(expected.body)));
  }
};

const verdictsOf = (answer: Answer): unknown[] =>
  ((answer.body as { commands?: { value?: { credential?: unknown } }[] } | undefined)?.commands ?? []).map((command) => command.value?.credential);

const tableBehindProxy = (maxAttempts = 3) => new DynamoHookTable(createDocumentClient({ endpoint: proxy.endpoint, maxAttempts }), test.name);

const proxiedFaults: Exclude<DynamoFault, 'none'>[] = ['throttled', 'stalled', 'reset', 'garbled', 'server-error'];
const policies: FailPolicy[] = ['open', 'closed'];

describe('DynamoDB failing under every hook', () => {
  const cases = inlineHookNames.flatMap((hook) => proxiedFaults.flatMap((fault) => policies.map((policy) => [hook, fault, policy] as const)));

  it.each(cases)('%s with DynamoDB %s answers its %s fail policy in time', async (hook, fault, policy) => {
    proxy.fault = fault;
    const answer = await call(hook, handlerFor(hook, policy, tableBehindProxy()), requestFor(hook));
    expect(proxy.calls.length).toBeGreaterThan(0);
    expect(answer.elapsedMs).toBeLessThan(ANSWERED_IN_TIME_MS);
    expectFailPolicy(hook, hook === 'telephony' ? 'open' : policy, answer);
    if (hook === 'password-import') expect(verdictsOf(answer)).not.toContainEqual('VERIFIED');
    if (hook === 'telephony') expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(0);
  });

  it.each(inlineHookNames)('%s with DynamoDB unreachable answers its fail policy in time', async (hook) => {
    const unreachable = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint() }), test.name);
    for (const policy of policies) {
      const answer = await call(hook, handlerFor(hook, policy, unreachable), requestFor(hook));
      expect(answer.elapsedMs).toBeLessThan(ANSWERED_IN_TIME_MS);
      expectFailPolicy(hook, hook === 'telephony' ? 'open' : policy, answer);
    }
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(0);
  });

  it('recovers at once when the table does: the same handlers answer normally again', async () => {
    const table = tableBehindProxy();
    const handlers = inlineHookNames.map((hook) => [hook, handlerFor(hook, 'closed', table)] as const);
    proxy.fault = 'stalled';
    for (const [hook, handler] of handlers) expectFailPolicy(hook, hook === 'telephony' ? 'open' : 'closed', await call(hook, handler, requestFor(hook)));
    proxy.fault = 'none';
    for (const [hook, handler] of handlers) {
      const answer = await call(hook, handler, requestFor(hook));
      // Normal answers: no error object (token and SAML find no record for these users and change nothing).
      expect((answer.body as { error?: unknown } | undefined)?.error).toBeUndefined();
    }
  });
});

describe('malformed items in the table', () => {
  const malformed: [InlineHookName, { pk: string; sk: string }][] = [
    ['token', tableKeys.user('alice@example.com')],
    ['registration', tableKeys.user('bob@example.com')],
    ['saml', tableKeys.user('alice@example.com')],
    ['password-import', tableKeys.credential('carol@example.com')],
  ];

  it.each(malformed)('%s answers its fail policy for a malformed record, never guessing', async (hook, key) => {
    const own = await createTestTable();
    // The right key, the wrong shape: attributes that are not a map, a hash that is not a string.
    await own.putItem({ ...key, kind: 'user', login: 42, attributes: 'patient_id=P-1', hash: { nested: true }, status: 'maybe' });
    for (const policy of policies) {
      const answer = await call(hook, handlerFor(hook, policy, own.table), requestFor(hook));
      expectFailPolicy(hook, policy, answer);
      if (hook === 'password-import') expect(verdictsOf(answer)).not.toContainEqual('VERIFIED');
    }
    expect(output.text()).toContain('malformed');
  });

  it('user-import answers its fail policy for a malformed link record', async () => {
    const own = await createTestTable();
    const body = requestFor('user-import') as unknown as { data: { appUser: { profile: { externalId?: string } }; context: { application?: { name?: string } } } };
    const externalId = body.data.appUser.profile.externalId ?? '';
    await own.putItem({ ...tableKeys.link(body.data.context.application?.name ?? 'default', externalId), kind: 'link', oktaUserId: ['not', 'an', 'id'] });
    for (const policy of policies) expectFailPolicy('user-import', policy, await call('user-import', handlerFor('user-import', policy, own.table), body));
  });
});

describe('the secret store failing', () => {
  const secretsManagerSource = () =>
    secretSourceFor({ mode: 'header', headerName: 'Authorization', secretSource: 'secrets-manager', secretMaxAgeSeconds: 300 }, { OKTA_HOOK_SECRET_ID: `okta-hook-${String((eventCounter += 1))}` });

  it.each(inlineHookNames)('%s answers its fail policy, not a 401 and not a 5xx, when Secrets Manager fails', async (hook) => {
    secretsManager.on(GetSecretValueCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {} }));
    for (const policy of policies) {
      const answer = await call(hook, handlerFor(hook, policy, test.table, secretsManagerSource()), requestFor(hook));
      expect(answer.elapsedMs).toBeLessThan(ANSWERED_IN_TIME_MS);
      expectFailPolicy(hook, hook === 'telephony' ? 'open' : policy, answer);
    }
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(0);
  });

  it.each(inlineHookNames)('%s answers its fail policy in time when Secrets Manager is slower than the deadline', async (hook) => {
    secretsManager.on(GetSecretValueCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 3000).unref());
      return { SecretString: authHeaders.authorization };
    });
    const answer = await call(hook, handlerFor(hook, 'closed', test.table, secretsManagerSource()), requestFor(hook));
    expect(answer.elapsedMs).toBeLessThan(ANSWERED_IN_TIME_MS);
    expectFailPolicy(hook, hook === 'telephony' ? 'open' : 'closed', answer);
  });
});

describe('the SMS provider failing', () => {
  it('answers in time while the provider is slow, and Okta’s retry does not send again', async () => {
    let release: () => void = () => undefined;
    smsVoice.on(SendTextMessageCommand).callsFake(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ MessageId: 'msg-late' });
        }),
    );
    const handler = handlerFor('telephony', 'open', test.table);
    const body = requestFor('telephony');
    const first = await call('telephony', handler, body);
    expect(first.elapsedMs).toBeLessThan(ANSWERED_IN_TIME_MS);
    expectFailPolicy('telephony', 'open', first);
    // Okta retries once with the same eventId: the message may be on its way, so no second send.
    const retry = await call('telephony', handler, body);
    expect(retry.status).toBe(200);
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(1);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const afterDelivery = await call('telephony', handler, body);
    expect(afterDelivery.status).toBe(200);
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(1);
  });

  it.each([
    ['throttled', Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } })],
    ['failing', Object.assign(new Error('Internal failure'), { name: 'InternalServerException', $metadata: { httpStatusCode: 500 } })],
    ['refusing the number', Object.assign(new Error('Destination is opted out'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } })],
  ])('answers an error Okta falls back on when the provider is %s, and never retries the send', async (_name, error) => {
    smsVoice.on(SendTextMessageCommand).rejects(error);
    const handler = handlerFor('telephony', 'open', test.table);
    const body = requestFor('telephony');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await call('telephony', handler, body);
      expect(answer.status).toBe(200);
      expect((answer.body as { error?: unknown }).error).toBeDefined();
      expect((answer.body as { commands?: unknown }).commands).toBeUndefined();
    }
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(1);
  });
});
