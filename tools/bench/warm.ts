/**
 * Warm invocations in one process: the real handlers (the factories the deployed functions
 * use) with API Gateway events built from realistic Okta requests, against a local DynamoDB
 * API (dynalite), once with every lookup going to the table and once served by the cache;
 * and the hand-written baseline the same way. Log and metric lines are serialised as in
 * Lambda, then dropped instead of written.
 */
import { createPasswordImportHandler } from '../../lambdas/password-import/handler';
import { createRegistrationHandler } from '../../lambdas/registration/handler';
import { createSamlHandler } from '../../lambdas/saml/handler';
import { parseServiceConfig, type ServiceConfig } from '../../lambdas/shared/config/service-config';
import type { InlineHookName } from '../../lambdas/shared/okta/hook-types';
import { createAuthenticator } from '../../lambdas/shared/runtime/auth/create-authenticator';
import type { HttpEvent, HttpResult } from '../../lambdas/shared/runtime/http';
import { createInlineHookRuntime } from '../../lambdas/shared/runtime/inline-hook-runtime';
import { createHookTable } from '../../lambdas/shared/stores/create-table';
import { createDocumentClient } from '../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../lambdas/shared/stores/dynamodb-hook-table';
import { cachedCodeTable, cachedCredentialStore, cachedLinkDirectory, cachedUserDirectory } from '../../lambdas/shared/stores/lookup-cache';
import { importRecordSchema, tableItemOf } from '../../lambdas/shared/stores/records';
import { environmentSecret } from '../../lambdas/shared/stores/secret-sources';
import { createTelephonyHandler } from '../../lambdas/telephony/handler';
import { createTokenHandler } from '../../lambdas/token/handler';
import { createUserImportHandler } from '../../lambdas/user-import/handler';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { httpApiEvent, localLambdaContext } from '../local/api-gateway-bridge';
import { summarize, type LatencySummary } from '../shared/statistics';
import { startTableServer } from '../shared/table-server';
import {
  passwordImportRequest,
  registrationRequest,
  samlRequest,
  simulatedUser,
  telephonyRequest,
  tokenRequest,
  userImportRequest,
} from '../simulator/templates';

const SECRET = 'bench-shared-secret-0123456789abcdef';
const TABLE = 'okta-hooks-bench';

export type LookupPath = 'dynamodb' | 'cache';

export interface WarmResult extends LatencySummary {
  subject: string;
  path: LookupPath;
  opsPerSecond: number;
}

type Handler = (event: HttpEvent, context: ReturnType<typeof localLambdaContext>) => Promise<HttpResult>;

const eventFor = (hook: string, body: unknown): HttpEvent =>
  httpApiEvent({
    method: 'POST',
    url: `/hooks/${hook}`,
    headers: { authorization: SECRET, 'content-type': 'application/json', accept: 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
  });

const silenced = async <T>(work: () => Promise<T>): Promise<T> => {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true);
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
};

interface Subject {
  name: string;
  handler: Handler;
  events: () => HttpEvent;
}

/**
 * Measures the subjects call by call in turn (A, B, A, B, ...), so a drift in the table server,
 * the heap or the CPU clock lands on all of them alike and their difference is the code's.
 */
const measure = async (path: LookupPath, subjects: Subject[], iterations: number): Promise<WarmResult[]> => {
  const context = localLambdaContext('bench', 60_000);
  const invoke = async ({ name, handler, events }: Subject) => {
    const event = events();
    const before = process.hrtime.bigint();
    const result = await handler(event, context);
    const elapsedMs = Number(process.hrtime.bigint() - before) / 1e6;
    if ((result.statusCode ?? 500) >= 300) throw new Error(`${name} answered ${String(result.statusCode)} during the benchmark`);
    return elapsedMs;
  };
  const warmup = Math.max(500, Math.floor(iterations / 5));
  for (let index = 0; index < warmup; index += 1) for (const subject of subjects) await invoke(subject);
  const latencies = subjects.map(() => [] as number[]);
  for (let index = 0; index < iterations; index += 1) {
    for (const [position, subject] of subjects.entries()) latencies[position]?.push(await invoke(subject));
  }
  return subjects.map(({ name }, position) => {
    const measured = latencies[position] ?? [];
    const totalMs = measured.reduce((sum, value) => sum + value, 0);
    return { subject: name, path, opsPerSecond: (measured.length / totalMs) * 1000, ...summarize(measured) };
  });
};

const benchConfig = (cacheSeconds: number): ServiceConfig =>
  parseServiceConfig({
    auth: { mode: 'header', secretSource: 'environment' },
    runtime: { logLevel: 'INFO' },
    hooks: {
      token: { claims: [{ attribute: 'patient_id', claim: 'extPatientId', tokens: ['access'] }], cache: { ttlSeconds: cacheSeconds } },
      registration: {
        domainRules: [{ domains: ['atko.email'], set: { userType: 'Contractor' } }],
        enrichment: { attributes: { department: 'department', manager: 'manager' } },
        cache: { ttlSeconds: cacheSeconds },
      },
      saml: { attributes: [{ attribute: 'department', name: 'department' }], cache: { ttlSeconds: cacheSeconds } },
      'password-import': { recordMigration: false, cache: { ttlSeconds: cacheSeconds } },
      'user-import': {
        transforms: [
          { target: 'user', attribute: 'email', normalize: 'email' },
          { target: 'user', attribute: 'department', codeSet: 'department' },
        ],
        cache: { ttlSeconds: cacheSeconds },
      },
    },
  });

const saltedSha512 = (password: string) => {
  const salt = Buffer.from('benchsalt0123456');
  return `{SSHA512}${Buffer.concat([createHash('sha512').update(password).update(salt).digest(), salt]).toString('base64')}`;
};

export interface WarmOptions {
  iterations: number;
}

export const measureWarm = async ({ iterations }: WarmOptions): Promise<WarmResult[]> => {
  const database = await startTableServer();
  const { endpoint } = database;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.HOOKS_TABLE_NAME = TABLE;
  try {
    const client = createDocumentClient({ endpoint, region: 'local' });
    await createHookTable(client, TABLE);
    const records = [
      { kind: 'user', login: 'alice@example.com', oktaUserId: '00u5alice0000000a1b2', attributes: { patient_id: 'P-000123', department: 'Cardiology' } },
      { kind: 'user', login: 'bob@example.com', attributes: { department: 'Finance', manager: 'carol@example.com' } },
      { kind: 'credential', login: 'carol@example.com', hash: saltedSha512('Winter-Lake-42') },
      { kind: 'link', namespace: 'example_hr_app', externalId: 'hr-100001', oktaUserId: '00u5alice0000000a1b2' },
      { kind: 'code', codeSet: 'department', code: 'FIN', value: 'Finance' },
    ];
    for (const record of records) await client.send(new PutCommand({ TableName: TABLE, Item: tableItemOf(importRecordSchema.parse(record)) }));

    const table = new DynamoHookTable(client, TABLE);
    const alice = simulatedUser('alice@example.com', '00u5alice0000000a1b2');
    const bodies: Partial<Record<InlineHookName, () => unknown>> = {
      token: () => tokenRequest(alice),
      registration: () => registrationRequest(simulatedUser('bob@example.com')),
      saml: () => samlRequest(alice),
      'password-import': () => passwordImportRequest('carol@example.com', 'Winter-Lake-42'),
      'user-import': () => userImportRequest({ externalId: 'hr-100001', email: 'Alice@Example.com', department: 'FIN' }),
      telephony: () => telephonyRequest(alice, '+15555550100'),
    };
    const results: WarmResult[] = [];
    await silenced(async () => {
      for (const path of ['dynamodb', 'cache'] as const) {
        const config = benchConfig(path === 'cache' ? 300 : 0);
        const runtime = <H extends InlineHookName>(hook: H) =>
          createInlineHookRuntime(hook, config, createAuthenticator(config.auth, () => environmentSecret({ OKTA_HOOK_SECRET: SECRET })));
        const { hooks } = config;
        const handlers: [InlineHookName, Handler][] = [
          ['token', createTokenHandler(runtime('token'), hooks.token, { users: cachedUserDirectory(table, hooks.token.cache) })],
          ['registration', createRegistrationHandler(runtime('registration'), hooks.registration, { users: cachedUserDirectory(table, hooks.registration.cache) })],
          ['saml', createSamlHandler(runtime('saml'), hooks.saml, { users: cachedUserDirectory(table, hooks.saml.cache) })],
          [
            'password-import',
            createPasswordImportHandler(runtime('password-import'), hooks['password-import'], {
              credentials: cachedCredentialStore(table, hooks['password-import'].cache),
            }),
          ],
          [
            'user-import',
            createUserImportHandler(runtime('user-import'), hooks['user-import'], {
              links: cachedLinkDirectory(table, hooks['user-import'].cache),
              codes: cachedCodeTable(table, hooks['user-import'].cache),
            }),
          ],
        ];
        if (path === 'dynamodb') {
          // Every call is a new delivery: two conditional writes, nothing to cache.
          const sender = { providerName: 'bench', send: () => Promise.resolve({ transactionId: 'bench' }) };
          handlers.push(['telephony', createTelephonyHandler(runtime('telephony'), hooks.telephony, { sender, idempotency: table })]);
        }
        // Imported only now: its client reads DYNAMODB_ENDPOINT at module scope.
        const { createBaselineHandler } = await import('./fixtures/baseline-token');
        const baselineEvent = eventFor('token', bodies.token?.());
        const baseline: Subject = { name: 'baseline-token', handler: createBaselineHandler(path === 'cache' ? 300_000 : 0), events: () => baselineEvent };
        for (const [hook, handler] of handlers) {
          const body = bodies[hook];
          if (!body) continue;
          const fixed = eventFor(hook, body());
          const subject: Subject = { name: hook, handler, events: hook === 'telephony' ? () => eventFor(hook, body()) : () => fixed };
          // The token hook and the baseline do the same work: measured in turn, they give what the runtime adds.
          results.push(...(await measure(path, hook === 'token' ? [subject, baseline] : [subject], iterations)));
        }
      }
    });
    return results;
  } finally {
    database.stop();
  }
};
