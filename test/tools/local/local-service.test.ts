import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../lambdas/shared/stores/dynamodb-client';
import { simulate, type SimulationOptions, type SimulationReport } from '../../../tools/simulator/simulate';
import { dynaliteEndpoint } from '../../support/dynamo';
import { runToCompletion, startLocalProcess, type LocalProcess } from '../../support/local-process';

const SECRET = 'local-test-secret-0123456789abcdef';
let service: LocalProcess;
let workDirectory: string;

const defaults: Omit<SimulationOptions, 'hook' | 'baseUrl'> = {
  headerName: 'Authorization',
  secret: SECRET,
  user: 'alice@example.com',
  repeat: 1,
  tokens: 'both',
  variant: 'self-service',
  set: {},
  externalId: 'hr-100001',
  phone: '+15555550100',
  channel: 'sms',
  eventType: 'user.lifecycle.deactivate',
  outcome: 'SUCCESS',
};

const run = (options: Partial<SimulationOptions> & Pick<SimulationOptions, 'hook'>): Promise<SimulationReport> =>
  simulate({ ...defaults, baseUrl: service.url, ...options });

const only = (report: SimulationReport) => {
  const call = report.calls[0];
  if (!call) throw new Error('no call');
  return call.effect;
};

const portIsClosed = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

beforeAll(async () => {
  workDirectory = mkdtempSync(path.join(tmpdir(), 'okta-hooks-local-'));
  service = await startLocalProcess(['--outbox', path.join(workDirectory, 'outbox.jsonl')], { OKTA_HOOK_SECRET: SECRET });
}, 40_000);

afterAll(async () => {
  if (service.child.exitCode === null) await service.stop();
  rmSync(workDirectory, { recursive: true, force: true });
});

describe('npm start: the local service, driven by the simulator over HTTP', () => {
  it('prints the routes, the auth header and a curl line', () => {
    const banner = service.output();
    for (const route of ['token', 'registration', 'saml', 'password-import', 'user-import', 'telephony']) {
      expect(banner).toContain(`POST     ${service.url}/hooks/${route}`);
    }
    expect(banner).toContain(`GET|POST ${service.url}/hooks/events`);
    expect(banner).toContain(`Authorization: ${SECRET}`);
    expect(banner).toContain('(from OKTA_HOOK_SECRET)');
    expect(banner).toContain(`curl -sS -X POST ${service.url}/hooks/token`);
    expect(banner).toMatch(/Seed: +config\/seed\/local\.jsonl: 8 written, 0 unchanged/);
  });

  it('token: adds the patient id claim', async () => {
    const effect = only(await run({ hook: 'token' }));
    expect(effect).toMatchObject({ verdict: 'accepted', outcome: 'the token is issued' });
    expect(effect.details).toContain('  + extPatientId: "P-000123"');
  });

  it('registration: the contractor domain and HR enrichment', async () => {
    const contractor = only(await run({ hook: 'registration', user: 'erin@atko.email', variant: 'classic' }));
    expect(contractor.details).toContain('  + userType: "Contractor"');
    const hr = only(await run({ hook: 'registration', user: 'bob@example.com' }));
    expect(hr.details).toEqual(expect.arrayContaining(['  + department: "Finance"', '  + manager: "carol@example.com"']));
    const denied = only(await run({ hook: 'registration', user: 'mallory@blocked.example' }));
    expect(denied.outcome).toContain('DENIED');
  });

  it('saml: attributes from the table and the session lifetime', async () => {
    const effect = only(await run({ hook: 'saml' }));
    expect(effect.details).toEqual(expect.arrayContaining(['  ~ department: ["unassigned"] → ["Cardiology"]', 'SessionNotOnOrAfter: issue instant + 3600 s']));
  });

  it('password import: VERIFIED and UNVERIFIED', async () => {
    expect(only(await run({ hook: 'password-import', user: 'carol@example.com', password: 'Winter-Lake-42' })).outcome).toMatch(/^VERIFIED/);
    expect(only(await run({ hook: 'password-import', user: 'carol@example.com', password: 'winter-lake-42' })).outcome).toMatch(/^UNVERIFIED/);
  });

  it('user import: LINK_USER from the link record, CREATE_USER otherwise', async () => {
    expect(only(await run({ hook: 'user-import', externalId: 'hr-100001', email: 'alice@example.com' })).outcome).toBe(
      'LINK_USER: linked to 00u5alice0000000a1b2',
    );
    const created = only(await run({ hook: 'user-import', externalId: 'hr-999', email: 'New.Hire@Example.com', department: 'FIN' }));
    expect(created.outcome).toBe('CREATE_USER: a new Okta user is created');
    expect(created.details).toContain('  + department: "Finance"');
  });

  it('telephony: SMS and voice go to the outbox', async () => {
    expect(only(await run({ hook: 'telephony', phone: '+15555550123' })).outcome).toMatch(/^SUCCESSFUL via Local outbox/);
    expect(only(await run({ hook: 'telephony', phone: '+15555550124', channel: 'voice' })).outcome).toMatch(/^SUCCESSFUL/);
    const outbox = readFileSync(path.join(workDirectory, 'outbox.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { to: string; channel: string });
    expect(outbox.map(({ to, channel }) => ({ to, channel }))).toEqual([
      { to: '+15555550123', channel: 'sms' },
      { to: '+15555550124', channel: 'voice' },
    ]);
    // The terminal says where the message is, with the number masked and never the code.
    expect(service.output()).toMatch(/\[outbox\] SMS to \+15\*{7}23: message outbox-[\w-]+ in .*outbox\.jsonl/);
    expect(service.output()).not.toContain('your code is');
  });

  it('event hooks: verification, then a deactivation stops the user’s claims', async () => {
    expect(only(await run({ hook: 'events-verify' })).verdict).toBe('accepted');
    const before = only(await run({ hook: 'token', user: 'dave@example.com' }));
    expect(before.details).toContain('  + extPatientId: "P-000777"');
    expect(only(await run({ hook: 'events', user: 'dave@example.com', oktaUserId: '00u9dave00000000e5f6' })).outcome).toBe(
      'delivery accepted (HTTP 200)',
    );
    // The consumer runs after the 200, as it does behind SQS.
    let after = before;
    for (let attempt = 0; attempt < 50 && after.details.includes('  + extPatientId: "P-000777"'); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = only(await run({ hook: 'token', user: 'dave@example.com' }));
    }
    // Deactivated: no record data flows into the token any more (204).
    expect(after).toMatchObject({ verdict: 'accepted', outcome: 'the token is issued unmodified', details: [] });
  });

  it('reports a wrong secret as a failure with a non-zero exit code', async () => {
    const report = await run({ hook: 'token', secret: 'wrong-secret-0123456789' });
    expect(report.ok).toBe(false);
    expect(only(report).outcome).toContain('HTTP 401');
    const cli = await runToCompletion(['bin/simulate.ts', 'token', '--url', service.url, '--secret', 'wrong-secret-0123456789']);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain('HTTP 401: the token is issued unmodified');
  });

  it('reports latency percentiles over repeated calls', async () => {
    const report = await run({ hook: 'token', repeat: 20 });
    expect(report.latency).toMatchObject({ calls: 20, timedOutShare: 0 });
    expect(report.latency.p50).toBeLessThanOrEqual(report.latency.p99);
    const cli = await runToCompletion(['bin/simulate.ts', 'saml', '--url', service.url, '--repeat', '5'], { OKTA_HOOK_SECRET: SECRET });
    expect(cli.code).toBe(0);
    expect(cli.output).toMatch(/5 calls: 5 accepted; latency p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms/);
  });

  it('answers like API Gateway for routes it does not have', async () => {
    const response = await fetch(`${service.url}/hooks/token`, { method: 'GET' });
    expect(response.status).toBe(404);
  });

  it('stops on SIGINT with exit code 0 and leaves the port free', async () => {
    await expect(service.stop()).resolves.toBe(0);
    expect(service.output()).toContain('SIGINT: stopping');
    await expect(portIsClosed(service.url)).resolves.toBe(true);
  });
});

describe('npm start: clear refusals', () => {
  it('says the port is taken, without a stack trace', async () => {
    const first = await startLocalProcess(['--no-seed'], { OKTA_HOOK_SECRET: SECRET });
    try {
      const port = new URL(first.url).port;
      const second = await runToCompletion(['bin/local.ts', '--port', port, '--no-seed'], { OKTA_HOOK_SECRET: SECRET });
      expect(second.code).toBe(1);
      expect(second.output).toContain(`npm start: port ${port} on 127.0.0.1 is already in use`);
      expect(second.output).not.toMatch(/\n\s+at /);
    } finally {
      await first.stop();
    }
  });

  it('names the bad field of an invalid configuration', async () => {
    const file = path.join(workDirectory, 'bad.json');
    writeFileSync(file, JSON.stringify({ hooks: { token: { claims: [{ attribute: 'x', claim: 'iss' }] }, saml: { sessionLifetimeSeconds: 'long' } } }));
    const result = await runToCompletion(['bin/local.ts', '--port', '0', '--config', file], { OKTA_HOOK_SECRET: SECRET });
    expect(result.code).toBe(1);
    expect(result.output).toContain('hooks.token.claims[0].claim: "iss" is a reserved claim of the access token');
    expect(result.output).toContain('hooks.saml.sessionLifetimeSeconds: expected number');
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--dynamodb-endpoint', 'http://127.0.0.1:1', '--data-dir', 'somewhere'], '--data-dir keeps the embedded table'],
    [['--dynamodb-endpoint', 'localhost:8000'], '--dynamodb-endpoint must be an http(s) URL'],
    [['--dynamodb-endpoint', 'http://127.0.0.1:1'], 'cannot reach the DynamoDB API at http://127.0.0.1:1'],
  ])('refuses %j with a plain message', async (args, message) => {
    const result = await runToCompletion(['bin/local.ts', '--port', '0', '--no-seed', ...args], { OKTA_HOOK_SECRET: SECRET });
    expect(result.code).toBe(1);
    expect(result.output).toContain(message);
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('refuses a secret that is too short', async () => {
    const result = await runToCompletion(['bin/local.ts', '--port', '0', '--no-seed'], { OKTA_HOOK_SECRET: 'short' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('OKTA_HOOK_SECRET must be at least 16 characters long');
  });
});

describe('npm start --dynamodb-endpoint', () => {
  it('uses a DynamoDB API of your own and creates the table there', async () => {
    const own = await startLocalProcess(['--dynamodb-endpoint', dynaliteEndpoint()], { OKTA_HOOK_SECRET: SECRET });
    try {
      expect(own.output()).toContain(`Data:         table okta-hooks-local at ${dynaliteEndpoint()}`);
      const report = await simulate({ ...defaults, baseUrl: own.url, hook: 'token', user: 'alice@example.com' });
      expect(only(report).verdict).toBe('accepted');
      const client = createDocumentClient({ endpoint: dynaliteEndpoint() });
      const item = await client.send(new GetCommand({ TableName: 'okta-hooks-local', Key: { pk: 'USER#alice@example.com', sk: 'PROFILE' } }));
      expect(item.Item).toMatchObject({ attributes: { patient_id: 'P-000123' } });
    } finally {
      await own.stop();
    }
  });
});

describe('npm start --data-dir', () => {
  it('keeps the table between runs', async () => {
    const dataDirectory = path.join(workDirectory, 'data');
    const first = await startLocalProcess(['--data-dir', dataDirectory], { OKTA_HOOK_SECRET: SECRET });
    const report = await simulate({ ...defaults, baseUrl: first.url, hook: 'password-import', user: 'carol@example.com', password: 'Winter-Lake-42' });
    expect(only(report).outcome).toMatch(/^VERIFIED/);
    await expect(first.stop()).resolves.toBe(0);
    expect(existsSync(path.join(dataDirectory, 'dynamodb'))).toBe(true);

    const second = await startLocalProcess(['--data-dir', dataDirectory], { OKTA_HOOK_SECRET: SECRET });
    try {
      // The migration mark written during the first run survives, and the seed changes nothing.
      expect(second.output()).toMatch(/Seed: +config\/seed\/local\.jsonl: 0 written, 8 unchanged/);
      expect(second.output()).toContain('kept in');
    } finally {
      await second.stop();
    }
  });
});
