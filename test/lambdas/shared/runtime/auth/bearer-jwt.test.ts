import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { parseServiceConfig, type OAuthConfig } from '../../../../../lambdas/shared/config/service-config';
import { BearerJwtAuthenticator, defaultJwksUri } from '../../../../../lambdas/shared/runtime/auth/bearer-jwt';

const ISSUER = 'https://example.okta.com/oauth2/default';
const AUDIENCE = 'api://default';

let server: Server;
let jwksUri: string;
let jwksRequests = 0;
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let publicPem: string;

beforeAll(async () => {
  const signing = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  signingKey = signing.privateKey;
  otherKey = other.privateKey;
  publicPem = await exportSPKI(signing.publicKey);
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  // The issuer's JWKS endpoint, on loopback.
  server = createServer((_request, response) => {
    jwksRequests += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/default/v1/keys`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const oauthConfig = (overrides: Record<string, unknown> = {}): OAuthConfig => {
  const config = parseServiceConfig({
    auth: { mode: 'oauth', issuer: ISSUER, audience: AUDIENCE, jwksUri, requiredScopes: ['okta.hooks'], allowedClientIds: ['0oahookclient'], ...overrides },
  });
  if (config.auth.mode !== 'oauth') throw new Error('expected oauth');
  return config.auth;
};

const now = () => Math.floor(Date.now() / 1000);

interface TokenOptions {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresAt?: number;
  notBefore?: number;
  key?: CryptoKey | Uint8Array;
  header?: Record<string, unknown>;
}

const token = ({ claims = {}, issuer = ISSUER, audience = AUDIENCE, expiresAt = now() + 300, notBefore, key, header }: TokenOptions = {}) => {
  let jwt = new SignJWT({ scp: ['okta.hooks'], cid: '0oahookclient', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1', ...header })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresAt);
  if (notBefore !== undefined) jwt = jwt.setNotBefore(notBefore);
  return jwt.sign(key ?? signingKey);
};

const authenticate = (authorization: string, config = oauthConfig()) =>
  new BearerJwtAuthenticator(config).authenticate({ authorization });

describe('BearerJwtAuthenticator', () => {
  it('accepts a valid access token from the issuer', async () => {
    await expect(authenticate(`Bearer ${await token()}`)).resolves.toEqual({ ok: true, principal: 'client:0oahookclient' });
  });

  it('accepts the scheme word in any case', async () => {
    await expect(authenticate(`bearer ${await token()}`)).resolves.toMatchObject({ ok: true });
  });

  it('accepts scopes given as a space-separated string', async () => {
    await expect(authenticate(`Bearer ${await token({ claims: { scp: 'openid okta.hooks' } })}`)).resolves.toMatchObject({ ok: true });
  });

  it.each<[string, () => Promise<string>, string]>([
    ['an expired token', async () => `Bearer ${await token({ expiresAt: now() - 120 })}`, 'expired'],
    ['a token not yet valid', async () => `Bearer ${await token({ notBefore: now() + 600 })}`, 'not-yet-valid'],
    ['another issuer', async () => `Bearer ${await token({ issuer: 'https://evil.example.com/oauth2/default' })}`, 'wrong-issuer'],
    ['another audience', async () => `Bearer ${await token({ audience: 'api://other' })}`, 'wrong-audience'],
    ['a token without the required scope', async () => `Bearer ${await token({ claims: { scp: ['openid'] } })}`, 'missing-scope'],
    ['a token of another client', async () => `Bearer ${await token({ claims: { cid: '0oaother' } })}`, 'client-not-allowed'],
    [
      'a token signed by an unknown key',
      async () => `Bearer ${await token({ key: otherKey, header: { kid: 'key-2' } })}`,
      'unknown-key',
    ],
    ['a forged signature under a known kid', async () => `Bearer ${await token({ key: otherKey })}`, 'bad-signature'],
    [
      'alg none',
      async () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
        const payload = base64url.encode(
          JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: now() + 300, scp: ['okta.hooks'], cid: '0oahookclient' }),
        );
        return `Bearer ${header}.${payload}.`;
      },
      'algorithm-not-allowed',
    ],
    [
      'HMAC signed with the public key',
      async () => `Bearer ${await token({ key: new TextEncoder().encode(publicPem), header: { alg: 'HS256' } })}`,
      'algorithm-not-allowed',
    ],
    ['no Authorization header value', () => Promise.resolve(''), 'missing-credentials'],
    ['a Basic credential', () => Promise.resolve('Basic dXNlcjpwYXNz'), 'malformed-token'],
    ['a bearer value that is not a JWT', () => Promise.resolve('Bearer not-a-jwt'), 'malformed-token'],
    ['a truncated token', async () => `Bearer ${(await token()).split('.').slice(0, 2).join('.')}`, 'malformed-token'],
  ])('refuses %s', async (_name, authorization, reason) => {
    await expect(authenticate(await authorization())).resolves.toEqual({ ok: false, reason });
  });

  it('refuses everything while the JWKS endpoint is down', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise((resolve) => down.close(resolve));
    const config = oauthConfig({ jwksUri: `http://127.0.0.1:${port}/v1/keys` });
    await expect(authenticate(`Bearer ${await token()}`, config)).resolves.toEqual({ ok: false, reason: 'keys-unavailable' });
  });

  it('fetches the key set once and caches it', async () => {
    const authenticator = new BearerJwtAuthenticator(oauthConfig());
    const before = jwksRequests;
    for (let call = 0; call < 5; call += 1) {
      await expect(authenticator.authenticate({ authorization: `Bearer ${await token()}` })).resolves.toMatchObject({ ok: true });
    }
    expect(jwksRequests - before).toBe(1);
  });

  it('defaults the key set to <issuer>/v1/keys', () => {
    expect(defaultJwksUri('https://example.okta.com/oauth2/default/')).toBe('https://example.okta.com/oauth2/default/v1/keys');
  });
});
