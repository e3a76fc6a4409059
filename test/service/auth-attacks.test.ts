/**
 * Attacks on authentication. Header secrets: every route of the local service over real HTTP
 * (the way a forger meets it). Bearer JWTs: every inline hook's handler wiring with OAuth
 * configured, against a JWKS endpoint on loopback. Every attempt must be a 401 whose answer
 * and logs say nothing about the secret or the token, and no hook logic may run.
 */
import { request as httpRequest, createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { parseServiceConfig, type ServiceConfig } from '../../lambdas/shared/config/service-config';
import { inlineHookNames, type InlineHookName } from '../../lambdas/shared/okta/hook-types';
import { noChange } from '../../lambdas/shared/okta/responses';
import { createAuthenticator } from '../../lambdas/shared/runtime/auth/create-authenticator';
import { createInlineHookRuntime } from '../../lambdas/shared/runtime/inline-hook-runtime';
import { environmentSecret } from '../../lambdas/shared/stores/secret-sources';
import { fixturesOf } from '../support/arbitraries';
import { loadFixture } from '../support/fixtures';
import { httpEvent } from '../support/http-events';
import { useLocalService } from '../support/local-process';
import { captureOutput } from '../support/output-capture';
import { registerSensitive } from '../support/suite-log';
import { invoke, runtimeHandler, type Answer } from '../support/test-handler';

const SECRET = 'auth-attack-secret-Zq8rT2vX9kLm4NpW';
registerSensitive('secret', SECRET);

type Route = InlineHookName | 'events';
const routes: Route[] = [...inlineHookNames, 'events'];

const bodyFor = (route: Route) => JSON.stringify(loadFixture(route === 'events' ? 'event-hook.request.json' : (fixturesOf[route][0] ?? '')));

/** What a refusal must look like: 401, a generic Okta error object, nothing presented echoed back. */
const expectRefusal = (status: number, text: string, presented: string[]) => {
  expect(status).toBe(401);
  expect(JSON.parse(text)).toEqual({ error: { errorSummary: 'Unauthorized' } });
  for (const value of presented.filter((part) => part.length >= 4)) expect(text).not.toContain(value);
};

describe('header secret attacks on every route', () => {
  const service = useLocalService(SECRET);

  /** node:http rather than fetch: it can send a header twice, as a forger might. */
  const post = (route: Route, headers: Record<string, string | string[]>, method = 'POST') =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(`${service().url}/hooks/${route}`);
      const body = method === 'POST' ? bodyFor(route) : undefined;
      const outgoing = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method, headers: { 'content-type': 'application/json', ...headers } as OutgoingHttpHeaders, timeout: 6000 },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      outgoing.on('error', reject);
      outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 6 s')));
      outgoing.end(body);
    });

  const attacks: [string, Record<string, string | string[]>][] = [
    ['no header', {}],
    ['an empty value', { authorization: '' }],
    // Every value tried is registered as sensitive for the suite's log scan, so it must not be
    // filler that other tests send as data (bad-input sends long runs of 'x').
    ['a wrong value of the same length', { authorization: [...SECRET].reverse().join('') }],
    ['the secret truncated by one character', { authorization: SECRET.slice(0, -1) }],
    ['the first half of the secret', { authorization: SECRET.slice(0, SECRET.length / 2) }],
    ['the secret with a character added', { authorization: `${SECRET}x` }],
    ['the secret upper-cased', { authorization: SECRET.toUpperCase() }],
    ['the secret lower-cased', { authorization: SECRET.toLowerCase() }],
    ['the secret as a bearer token', { authorization: `Bearer ${SECRET}` }],
    ['the secret in Basic form', { authorization: `Basic ${Buffer.from(`okta:${SECRET}`).toString('base64')}` }],
    ['the secret in another header', { 'x-okta-hook-secret': SECRET, 'x-api-key': SECRET }],
    ['the secret as a query-like suffix', { authorization: `${SECRET};${SECRET}` }],
    ['the secret sent twice', { authorization: [SECRET, SECRET] }],
    ['a wrong value and the secret', { authorization: ['wrong-value-0123456789', SECRET] }],
    // Long, yet inside the header limits of API Gateway (10 KB) and Node (16 KB).
    ['an 8 KB value', { authorization: SECRET.repeat(250) }],
  ];

  it.each(attacks)('refuses %s with a bare 401 on every route', async (_name, headers) => {
    const presented = Object.values(headers).flatMap((value) => (Array.isArray(value) ? value : [String(value ?? '')]));
    for (const value of presented) if (value.length >= 8) registerSensitive('secret', value);
    for (const route of routes) {
      const reply = await post(route, headers);
      expectRefusal(reply.status, reply.text, [SECRET, ...presented]);
    }
    // The verification GET of the event hook checks the secret too (events.authenticateVerification).
    const verification = await post('events', { ...headers, 'x-okta-verification-challenge': 'challenge-0123' }, 'GET');
    expectRefusal(verification.status, verification.text, [SECRET, ...presented]);
  });

  it('still answers the right secret, in any header-name case', async () => {
    for (const name of ['authorization', 'Authorization', 'AUTHORIZATION']) {
      const reply = await post('token', { [name]: SECRET });
      expect([200, 204]).toContain(reply.status);
    }
  });

  it('logged each refusal with its reason and nothing presented', () => {
    const refusals = service()
      .output()
      .split('\n')
      .filter((line) => line.includes('authentication failed') || line.includes('event hook call refused'));
    // Every POST on every route, and every verification GET.
    expect(refusals.length).toBeGreaterThanOrEqual(attacks.length * (routes.length + 1));
    for (const line of refusals) {
      expect(line).not.toContain(SECRET.slice(0, 8));
      expect(line).not.toContain('wrong-value');
    }
  });
});

describe('bearer JWT attacks on every inline hook', () => {
  const ISSUER = 'https://example.okta.com/oauth2/ausHooks';
  const AUDIENCE = 'api://okta-hooks';
  const CLIENT = '0oaHookCaller';
  let jwks: Server;
  let jwksUri: string;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  let publicPem: string;

  beforeAll(async () => {
    const signing = await generateKeyPair('RS256', { extractable: true });
    signingKey = signing.privateKey;
    strangerKey = (await generateKeyPair('RS256', { extractable: true })).privateKey;
    publicPem = await exportSPKI(signing.publicKey);
    const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'hooks-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/oauth2/ausHooks/v1/keys`;
  });
  afterAll(() => new Promise((resolve) => jwks.close(resolve)));

  const oauthConfig = (keysAt = jwksUri): ServiceConfig =>
    parseServiceConfig({
      auth: { mode: 'oauth', issuer: ISSUER, audience: AUDIENCE, jwksUri: keysAt, requiredScopes: ['okta.hooks.invoke'], allowedClientIds: [CLIENT] },
      runtime: { logLevel: 'DEBUG' },
    });

  const now = () => Math.floor(Date.now() / 1000);
  const sign = (overrides: { claims?: Record<string, unknown>; header?: Record<string, unknown>; key?: CryptoKey | Uint8Array; issuer?: string; audience?: string; exp?: number; nbf?: number } = {}) => {
    let jwt = new SignJWT({ scp: ['okta.hooks.invoke'], cid: CLIENT, ...overrides.claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'hooks-1', ...overrides.header })
      .setIssuer(overrides.issuer ?? ISSUER)
      .setAudience(overrides.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? now() + 300);
    if (overrides.nbf !== undefined) jwt = jwt.setNotBefore(overrides.nbf);
    return jwt.sign(overrides.key ?? signingKey);
  };
  const unsigned = () =>
    `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(
      JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: now() + 300, scp: ['okta.hooks.invoke'], cid: CLIENT }),
    )}.`;

  const attacks: [string, () => Promise<Record<string, string>>][] = [
    ['no Authorization header', () => Promise.resolve({})],
    ['an empty bearer', () => Promise.resolve({ authorization: 'Bearer ' })],
    ['alg none', () => Promise.resolve({ authorization: `Bearer ${unsigned()}` })],
    ['HS256 signed with the public key', async () => ({ authorization: `Bearer ${await sign({ key: new TextEncoder().encode(publicPem), header: { alg: 'HS256' } })}` })],
    ['an expired token', async () => ({ authorization: `Bearer ${await sign({ exp: now() - 600 })}` })],
    ['a token not yet valid', async () => ({ authorization: `Bearer ${await sign({ nbf: now() + 600 })}` })],
    ['another issuer', async () => ({ authorization: `Bearer ${await sign({ issuer: 'https://attacker.example.com/oauth2/default' })}` })],
    ['another audience', async () => ({ authorization: `Bearer ${await sign({ audience: 'api://something-else' })}` })],
    ['a missing scope', async () => ({ authorization: `Bearer ${await sign({ claims: { scp: ['openid', 'profile'] } })}` })],
    ['another client', async () => ({ authorization: `Bearer ${await sign({ claims: { cid: '0oaSomeoneElse' } })}` })],
    ['an unknown kid', async () => ({ authorization: `Bearer ${await sign({ key: strangerKey, header: { kid: 'attacker-1' } })}` })],
    ['a known kid with a forged signature', async () => ({ authorization: `Bearer ${await sign({ key: strangerKey })}` })],
    ['a truncated token', async () => ({ authorization: `Bearer ${(await sign()).slice(0, -12)}` })],
    ['a token without its signature', async () => ({ authorization: `Bearer ${(await sign()).split('.').slice(0, 2).join('.')}.` })],
    ['a valid token in another header', async () => ({ 'x-okta-token': `Bearer ${await sign()}` })],
    ['a valid token without the Bearer word', async () => ({ authorization: await sign() })],
  ];

  const refusedEverywhere = async (config: ServiceConfig, headers: Record<string, string>) => {
    const output = captureOutput();
    const presented = Object.values(headers).flatMap((value) => value.replace(/^Bearer /i, '').split('.'));
    for (const value of Object.values(headers)) if (value.length > 20) registerSensitive('bearer token', value.replace(/^Bearer /i, ''));
    try {
      for (const hook of inlineHookNames) {
        let decided = false;
        const handler = runtimeHandler(createInlineHookRuntime(hook, config, createAuthenticator(config.auth, () => environmentSecret({}))), () => {
          decided = true;
          return Promise.reject(new Error('the hook logic must not run for an unauthenticated call'));
        });
        const answer: Answer = await invoke(handler, httpEvent({ body: loadFixture(fixturesOf[hook][0] ?? ''), headers, path: `/hooks/${hook}` }));
        expectRefusal(answer.status, answer.text, presented);
        expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(decided).toBe(false);
      }
      const logged = output.text();
      expect(logged).toContain('authentication failed');
      for (const part of presented.filter((value) => value.length >= 8)) expect(logged).not.toContain(part);
    } finally {
      output.restore();
    }
  };

  it.each(attacks)('refuses %s with 401 on every inline hook', async (_name, headersOf) => {
    await refusedEverywhere(oauthConfig(), await headersOf());
  });

  it('refuses even a valid token while the JWKS endpoint is down', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise((resolve) => down.close(resolve));
    await refusedEverywhere(oauthConfig(`http://127.0.0.1:${port}/v1/keys`), { authorization: `Bearer ${await sign()}` });
  });

  it('accepts the valid token, so the refusals above are about the attacks', async () => {
    const config = oauthConfig();
    for (const hook of inlineHookNames) {
      const handler = runtimeHandler(createInlineHookRuntime(hook, config, createAuthenticator(config.auth, () => environmentSecret({}))), () =>
        Promise.resolve(noChange()),
      );
      const output = captureOutput();
      try {
        const answer = await invoke(handler, httpEvent({ body: loadFixture(fixturesOf[hook][0] ?? ''), headers: { authorization: `Bearer ${await sign()}` }, path: `/hooks/${hook}` }));
        expect(answer.status).not.toBe(401);
      } finally {
        output.restore();
      }
    }
  });
});
