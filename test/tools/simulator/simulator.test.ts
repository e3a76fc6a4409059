import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyPatch, PatchFailed } from '../../../tools/simulator/json-patch';
import { eventHookEffectOf, oktaEffectOf } from '../../../tools/simulator/okta-effects';
import { sendLikeOkta } from '../../../tools/simulator/send-like-okta';
import { urlFor } from '../../../tools/simulator/simulate';
import { percentile } from '../../../tools/shared/statistics';
import { passwordImportRequest, simulatedUser, telephonyRequest, tokenRequest } from '../../../tools/simulator/templates';

/** A stand-in hook whose behaviour each test sets: status, body and delay. */
let behaviour: { status: number; body: string; delayMs: number } = { status: 200, body: '{}', delayMs: 0 };
let calls = 0;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    calls += 1;
    request.resume();
    const { status, body, delayMs } = behaviour;
    setTimeout(() => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    }, delayMs).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/x`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  calls = 0;
});

describe('sending like Okta', () => {
  it('retries once after a timeout where Okta retries', async () => {
    behaviour = { status: 200, body: '{}', delayMs: 400 };
    const call = await sendLikeOkta(url, { headers: {}, body: {}, retryOnce: true, timeoutMs: 100 });
    expect(call.attempts.map((attempt) => attempt.timedOut)).toEqual([true, true]);
    expect(calls).toBe(2);
  });

  it('never retries token and telephony hooks', async () => {
    behaviour = { status: 503, body: '{}', delayMs: 0 };
    const call = await sendLikeOkta(url, { headers: {}, body: {}, retryOnce: false });
    expect(call.attempts).toHaveLength(1);
    expect(call.final.status).toBe(503);
  });

  it('retries a 5xx but not a 4xx', async () => {
    behaviour = { status: 500, body: '{}', delayMs: 0 };
    expect((await sendLikeOkta(url, { headers: {}, body: {}, retryOnce: true })).attempts).toHaveLength(2);
    behaviour = { status: 401, body: '{}', delayMs: 0 };
    expect((await sendLikeOkta(url, { headers: {}, body: {}, retryOnce: true })).attempts).toHaveLength(1);
  });

  it('does not follow redirects', async () => {
    behaviour = { status: 302, body: '', delayMs: 0 };
    const call = await sendLikeOkta(url, { headers: {}, body: {}, retryOnce: true });
    expect(call.final.status).toBe(302);
  });
});

describe('what Okta does with an answer', () => {
  const alice = simulatedUser('alice@example.com');

  it('applies a token patch and shows the claims that changed', () => {
    const request = tokenRequest(alice);
    const body = JSON.stringify({
      commands: [
        {
          type: 'com.okta.access.patch',
          value: [
            { op: 'add', path: '/claims/extPatientId', value: 'P-1' },
            { op: 'replace', path: '/token/lifetime/expiration', value: 900 },
          ],
        },
      ],
    });
    const effect = oktaEffectOf('token', request, { status: 200, bodyText: body, latencyMs: 1, timedOut: false });
    expect(effect).toEqual({
      verdict: 'accepted',
      outcome: 'the token is issued',
      details: ['ID token: unchanged', 'access token:', '  + extPatientId: "P-1"', '  lifetime: 900 s'],
      violations: [],
    });
  });

  it('rejects an answer that breaks the contract, and says what Okta then does', () => {
    const body = JSON.stringify({ commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/sub', value: 'x' }] }] });
    const effect = oktaEffectOf('token', tokenRequest(alice), { status: 200, bodyText: body, latencyMs: 1, timedOut: false });
    expect(effect.verdict).toBe('rejected');
    expect(effect.outcome).toBe('Okta rejects the answer: the token is issued unmodified');
    expect(effect.violations[0]).toContain('"sub" may only be changed in access tokens');
  });

  it('reads a timeout per hook type', () => {
    const final = { bodyText: '', latencyMs: 3000, timedOut: true };
    expect(oktaEffectOf('password-import', passwordImportRequest('a@example.com', 'pw'), final).outcome).toBe(
      'no answer within 3 s: the sign-in fails; the next sign-in calls the hook again',
    );
    expect(oktaEffectOf('telephony', telephonyRequest(alice, '+15555550100'), final)).toMatchObject({
      verdict: 'timed-out',
      outcome: 'no answer within 3 s: Okta sends the OTP through its own providers',
    });
  });

  it('treats 204 as the default action for password import', () => {
    const effect = oktaEffectOf('password-import', passwordImportRequest('a@example.com', 'pw'), { status: 204, bodyText: '', latencyMs: 1, timedOut: false });
    expect(effect.outcome).toBe('UNVERIFIED: the sign-in fails as a wrong password');
  });

  it('checks the verification echo exactly', () => {
    const ok = eventHookEffectOf({ status: 200, bodyText: '{"verification":"abc"}', contentType: 'application/json', latencyMs: 1, timedOut: false }, 'abc');
    expect(ok.verdict).toBe('accepted');
    const wrong = eventHookEffectOf({ status: 200, bodyText: '{"verification":"abd"}', contentType: 'application/json', latencyMs: 1, timedOut: false }, 'abc');
    expect(wrong.verdict).toBe('rejected');
  });
});

describe('simulator helpers', () => {
  it('applies add, replace and remove, and fails like Okta on a missing member', () => {
    expect(applyPatch({ claims: { a: 1, list: [1] } }, [
      { op: 'add', path: '/claims/b', value: 2 },
      { op: 'replace', path: '/claims/a', value: 3 },
      { op: 'add', path: '/claims/list/-', value: 2 },
      { op: 'remove', path: '/claims/b' },
    ])).toEqual({ claims: { a: 3, list: [1, 2] } });
    expect(() => applyPatch({ claims: {} }, [{ op: 'replace', path: '/claims/missing', value: 1 }])).toThrow(PatchFailed);
  });

  it('computes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect([percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 0.99)]).toEqual([50, 95, 99]);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('appends the hook route to a base URL, and keeps a full endpoint as it is', () => {
    expect(urlFor({ baseUrl: 'https://abc.execute-api.eu-central-1.amazonaws.com/', hook: 'saml' })).toBe(
      'https://abc.execute-api.eu-central-1.amazonaws.com/hooks/saml',
    );
    expect(urlFor({ baseUrl: 'x', endpoint: 'https://fn.lambda-url.eu-central-1.on.aws/', hook: 'token' })).toBe('https://fn.lambda-url.eu-central-1.on.aws/');
    expect(urlFor({ baseUrl: 'http://127.0.0.1:3000', hook: 'events-verify' })).toBe('http://127.0.0.1:3000/hooks/events');
  });

  it('builds template requests the schemas accept, with a fresh eventId each time', () => {
    const first = tokenRequest(simulatedUser('a@example.com'), 'client-credentials');
    const second = tokenRequest(simulatedUser('a@example.com'), 'client-credentials');
    expect(first.eventId).not.toBe(second.eventId);
    expect(first.data).not.toHaveProperty('identity');
    expect(first.data.context).not.toHaveProperty('user');
  });
});
