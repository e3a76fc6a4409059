/**
 * Drives sensitive requests through every path of the runtime (success, refusal, bad input,
 * dependency failure, bugs, contract rejection, both auth modes) at DEBUG level, and proves
 * that no password, OTP code, secret, bearer token or full phone number reaches the output.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { InlineHookName } from '../../../../lambdas/shared/okta/hook-types';
import type { InlineHookRequestOf } from '../../../../lambdas/shared/okta/requests';
import {
  credentialVerdict,
  registrationProfileUpdate,
  telephonyAction,
  withCommands,
  type CommandOf,
  type HookAnswer,
} from '../../../../lambdas/shared/okta/responses';
import type { HookDecision } from '../../../../lambdas/shared/runtime/answer-okta';
import { DependencyFailure } from '../../../../lambdas/shared/stores/dependency-failure';
import { cloneJson, loadFixture } from '../../../support/fixtures';
import { httpEvent } from '../../../support/http-events';
import { captureOutput, type CapturedOutput } from '../../../support/output-capture';
import { invoke, runtimeHandler } from '../../../support/test-handler';
import { authHeaders, TEST_SECRET, testConfig, testRuntime } from '../../../support/test-runtime';

const passwordRequest = loadFixture('password-import.request.json');
const edgePasswordRequest = loadFixture('password-import.edge.request.json');
const telephonyRequest = loadFixture('telephony.request.json');
const voiceRequest = loadFixture('telephony.edge.request.json');

const PASSWORDS = ['Winter-Lake-42', 'Grüße "quoted" \\ back 🔑 ünïcödé'];
const OTP_CODES = ['482913', '907211'];
const PHONE_NUMBERS = ['+4915550001234', '4915550001234', '15550001234', '+14155550199', '4155550199'];
const SECRET_PARTS = [TEST_SECRET, TEST_SECRET.replace('Basic ', '')];

let output: CapturedOutput;
const bearerTokens: string[] = [];

/** Decisions that touch the sensitive data in every way a careless hook might. */
const decisionsFor = <H extends InlineHookName>(
  answer: (request: InlineHookRequestOf[H]) => HookAnswer<CommandOf[H]>,
  secretOf: (request: InlineHookRequestOf[H]) => string,
): HookDecision<H>[] => [
  (request) => Promise.resolve(answer(request)),
  (request) => Promise.reject(new Error(`legacy store said no for ${secretOf(request)}`)),
  (request) => Promise.reject(new DependencyFailure('legacy store', 'timed out', { cause: new Error(secretOf(request)) })),
  (request) => Promise.reject(new SyntaxError(`Unexpected token in JSON at "${secretOf(request)}"`)),
  () => new Promise(() => undefined),
];

const drive = async <H extends InlineHookName>(
  hook: H,
  bodies: Record<string, unknown>[],
  decisions: HookDecision<H>[],
): Promise<void> => {
  const config = testConfig({ runtime: { logLevel: 'DEBUG', deadlineMs: 100 } });
  for (const decide of decisions) {
    const handler = runtimeHandler(testRuntime(hook, config), decide);
    for (const body of bodies) {
      await invoke(handler, httpEvent({ body, headers: authHeaders }));
      await invoke(handler, httpEvent({ body, base64: true, headers: authHeaders }));
      // Refused calls: wrong secret, then a request that breaks the schema but still holds the secrets.
      await invoke(handler, httpEvent({ body, headers: { authorization: `${TEST_SECRET}x` } }));
      const broken = cloneJson(body) as { eventId?: unknown };
      broken.eventId = 42;
      await invoke(handler, httpEvent({ body: broken, headers: authHeaders }));
      await invoke(handler, httpEvent({ body: JSON.stringify(body).slice(0, -3), headers: authHeaders }));
    }
  }
};

let server: Server;
let signingKey: CryptoKey;
let jwksUri: string;

beforeAll(async () => {
  const keys = await generateKeyPair('RS256', { extractable: true });
  signingKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k', alg: 'RS256' };
  server = createServer((_request, response) => response.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
  output = captureOutput();
});

afterAll(async () => {
  output.restore();
  await new Promise((resolve) => server.close(resolve));
});

describe('logs never hold secrets', () => {
  it('runs password imports through every path', async () => {
    await drive(
      'password-import',
      [passwordRequest, edgePasswordRequest],
      decisionsFor<'password-import'>(
        () => withCommands([credentialVerdict('VERIFIED')]),
        (request) => request.data.context.credential.password,
      ),
    );
  });

  it('runs telephony through every path', async () => {
    await drive(
      'telephony',
      [telephonyRequest, voiceRequest],
      decisionsFor<'telephony'>(
        (request) =>
          withCommands([
            telephonyAction({ status: 'SUCCESSFUL', provider: 'TEST', transactionMetadata: request.data.messageProfile.phoneNumber }),
          ]),
        (request) => `${request.data.messageProfile.phoneNumber} ${request.data.messageProfile.otpCode}`,
      ),
    );
  });

  it('runs a contract-breaking answer that smuggles a password', async () => {
    const registration = loadFixture('registration.request.json');
    await drive('registration', [registration], [() => Promise.resolve(withCommands([registrationProfileUpdate({ password: PASSWORDS[0]! })]))]);
  });

  it('runs OAuth calls with valid, expired and foreign bearer tokens', async () => {
    const config = testConfig({
      auth: { mode: 'oauth', issuer: 'https://example.okta.com/oauth2/default', audience: 'api://default', jwksUri },
      runtime: { logLevel: 'DEBUG' },
    });
    const handler = runtimeHandler(testRuntime('token', config), () => Promise.reject(new Error('no')));
    const now = Math.floor(Date.now() / 1000);
    for (const expiresAt of [now + 300, now - 300]) {
      for (const audience of ['api://default', 'api://other']) {
        const jwt = await new SignJWT({})
          .setProtectedHeader({ alg: 'RS256', kid: 'k' })
          .setIssuer('https://example.okta.com/oauth2/default')
          .setAudience(audience)
          .setExpirationTime(expiresAt)
          .sign(signingKey);
        bearerTokens.push(jwt);
        await invoke(handler, httpEvent({ body: loadFixture('token.request.json'), headers: { authorization: `Bearer ${jwt}` } }));
      }
    }
  });

  it('wrote plenty, and none of it sensitive', () => {
    const text = output.text();
    expect(output.lines().length).toBeGreaterThan(100);
    const forbidden = [...PASSWORDS, ...OTP_CODES, ...PHONE_NUMBERS, ...SECRET_PARTS, ...bearerTokens];
    for (const value of forbidden) {
      expect({ value, found: text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)) }).toEqual({ value, found: false });
    }
    // Tokens are also never written in part: no JWT header segment appears.
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
