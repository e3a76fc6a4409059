/**
 * HTTP load from autocannon against the local service (`npm start`'s entry point, started as
 * a child process): every connection cycles through a mix of hooks; telephony calls and
 * event deliveries each get a fresh eventId, as Okta's do.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { eventHookDelivery, registrationRequest, samlRequest, simulatedUser, telephonyRequest, tokenRequest, userImportRequest } from '../simulator/templates';
import { repositoryRoot } from './bundles';

export const HTTP_LOAD_SECRET = 'load-test-secret-0123456789abcdef';

export interface LocalServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Starts `npm start`'s entry point on a free port and waits for its banner. */
export const startLocalServer = (extraArgs: string[] = []): Promise<LocalServer> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', '--port', '0', ...extraArgs], {
      cwd: repositoryRoot,
      env: { ...process.env, OKTA_HOOK_SECRET: HTTP_LOAD_SECRET, POWERTOOLS_METRICS_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /running locally at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url && output.includes('Ctrl-C stops.')) {
        child.stdout.off('data', onData);
        // Keep draining the pipes so the server never blocks on a full one.
        child.stdout.resume();
        child.stderr.resume();
        resolve({ url, child, stop: () => (child.kill('SIGINT'), exited) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`local mode exited (${String(code)}) before it was ready:\n${output}`)));
  });

const withNewEventId = (body: string): string => {
  const request = JSON.parse(body) as { eventId: string; data?: { events?: { uuid: string }[] } };
  request.eventId = randomUUID();
  for (const event of request.data?.events ?? []) event.uuid = randomUUID();
  return JSON.stringify(request);
};

export const mixedRequests = (): autocannon.Request[] => {
  const alice = simulatedUser('alice@example.com', '00u5alice0000000a1b2');
  const post = (path: string, body: unknown, fresh = false): autocannon.Request => ({
    method: 'POST',
    path,
    headers: { authorization: HTTP_LOAD_SECRET, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(fresh ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: withNewEventId(String(request.body)) }) } : {}),
  });
  return [
    post('/hooks/token', tokenRequest(alice)),
    post('/hooks/registration', registrationRequest(simulatedUser('bob@example.com'))),
    post('/hooks/saml', samlRequest(alice)),
    post('/hooks/user-import', userImportRequest({ externalId: 'hr-100001', email: 'alice@example.com', department: 'FIN' })),
    post('/hooks/telephony', telephonyRequest(alice, '+15555550100'), true),
    post('/hooks/events', eventHookDelivery(simulatedUser('nobody@example.com'), 'user.lifecycle.reactivate'), true),
  ];
};

export interface HttpLoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Answers by HTTP status. */
  statusCodes: Record<string, number>;
}

export const runHttpLoad = async (url: string, options: { connections: number; durationSeconds?: number; amount?: number }): Promise<HttpLoadResult> => {
  const result = await autocannon({
    url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    requests: mixedRequests(),
    timeout: 3,
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0])),
  };
};
