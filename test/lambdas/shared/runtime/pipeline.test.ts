import fc from 'fast-check';
import { checkAnswer } from '../../../../lambdas/shared/okta/checker';
import { inlineHookNames } from '../../../../lambdas/shared/okta/hook-types';
import { addClaim, noChange, tokenPatch, withCommands } from '../../../../lambdas/shared/okta/responses';
import type { HookDecision } from '../../../../lambdas/shared/runtime/answer-okta';
import { failPolicyAnswer } from '../../../../lambdas/shared/runtime/fail-policy';
import { DependencyFailure } from '../../../../lambdas/shared/stores/dependency-failure';
import { fixturesOf, requestOf } from '../../../support/arbitraries';
import { loadFixture } from '../../../support/fixtures';
import { httpEvent } from '../../../support/http-events';
import { captureOutput, type CapturedOutput } from '../../../support/output-capture';
import { invoke, runtimeHandler } from '../../../support/test-handler';
import { authHeaders, TEST_SECRET, testConfig, testRuntime } from '../../../support/test-runtime';

const tokenRequest = loadFixture('token.request.json');
const addTier: HookDecision<'token'> = () =>
  Promise.resolve(withCommands([tokenPatch('access', [addClaim('tier', 'gold')])]));

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const call = (decide: HookDecision<'token'>, event = httpEvent({ body: tokenRequest, headers: authHeaders }), config = testConfig()) =>
  invoke(runtimeHandler(testRuntime('token', config), decide), event);

/** EMF blobs written so far, as metric name → summed value. */
const emittedMetrics = (): Record<string, number> => {
  const totals: Record<string, number> = {};
  for (const line of output.lines()) {
    const directives = (line._aws as { CloudWatchMetrics?: { Metrics: { Name: string }[] }[] } | undefined)?.CloudWatchMetrics;
    for (const directive of directives ?? []) {
      for (const { Name } of directive.Metrics) {
        const value = line[Name];
        const values = Array.isArray(value) ? (value as number[]) : [value as number];
        totals[Name] = (totals[Name] ?? 0) + values.reduce((sum, item) => sum + (Name === 'HookLatency' ? 1 : item), 0);
      }
    }
  }
  return totals;
};

describe('the shared runtime', () => {
  it('answers with the decision, plus the request id and duration in debugContext', async () => {
    const event = httpEvent({ body: tokenRequest, headers: authHeaders });
    const answer = await call(addTier, event);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.body).toEqual({
      commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/tier', value: 'gold' }] }],
      debugContext: { requestId: event.requestContext.requestId, durationMs: expect.any(Number) as number },
    });
    expect(emittedMetrics()).toMatchObject({ Changed: 1, HookLatency: 1 });
  });

  it('answers 204 with no body when the decision changes nothing', async () => {
    const answer = await call(() => Promise.resolve(noChange()));
    expect(answer).toMatchObject({ status: 204, text: '' });
    expect(emittedMetrics()).toMatchObject({ NoChange: 1 });
  });

  it('leaves debugContext out when configured so', async () => {
    const answer = await call(addTier, undefined, testConfig({ runtime: { debugContext: false } }));
    expect(answer.body).not.toHaveProperty('debugContext');
  });

  it('accepts a base64-encoded body', async () => {
    const answer = await call(addTier, httpEvent({ body: tokenRequest, headers: authHeaders, base64: true }));
    expect(answer.status).toBe(200);
  });

  describe('authentication', () => {
    it.each([
      ['no header', {}],
      ['a wrong secret', { authorization: 'Basic d3Jvbmc6d3Jvbmctc2VjcmV0LXZhbHVl' }],
      ['the right secret in another header', { 'x-okta-secret': TEST_SECRET }],
      ['a truncated secret', { authorization: TEST_SECRET.slice(0, -2) }],
    ])('answers 401 for %s, revealing nothing', async (_name, headers) => {
      const answer = await call(addTier, httpEvent({ body: tokenRequest, headers }));
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: { errorSummary: 'Unauthorized' } });
      expect(answer.text).not.toContain(TEST_SECRET);
      expect(emittedMetrics()).toMatchObject({ AuthFailure: 1 });
      expect(emittedMetrics()).not.toHaveProperty('BadRequest');
      expect(output.lines().find((line) => line.message === 'hook answered')).toMatchObject({ status: 401, events: ['AuthFailure'] });
    });

    it.each(['AUTHORIZATION', 'Authorization', 'authorization'])('matches the header name %s in any case', async (name) => {
      const answer = await call(addTier, httpEvent({ body: tokenRequest, headers: { [name]: TEST_SECRET } }));
      expect(answer.status).toBe(200);
    });

    it('checks a custom header name case-insensitively', async () => {
      const config = testConfig({ auth: { mode: 'header', headerName: 'X-Okta-Hook-Secret', secretSource: 'environment' } });
      const right = await call(addTier, httpEvent({ body: tokenRequest, headers: { 'X-OKTA-HOOK-SECRET': TEST_SECRET } }), config);
      const wrongHeader = await call(addTier, httpEvent({ body: tokenRequest, headers: authHeaders }), config);
      expect([right.status, wrongHeader.status]).toEqual([200, 401]);
    });

    it('authenticates before reading the body', async () => {
      const answer = await call(addTier, httpEvent({ body: 'not json', headers: {} }));
      expect(answer.status).toBe(401);
    });
  });

  describe('bad requests', () => {
    it.each<[string, number, Parameters<typeof httpEvent>[0], string]>([
      ['invalid JSON', 400, { body: '{"eventId":' }, 'not valid JSON'],
      ['an empty body', 400, { body: '' }, 'empty'],
      ['a JSON array', 400, { body: '[1,2]' }, 'must be a JSON object'],
      ['a form body', 400, { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'Content-Type'],
      ['a __proto__ key', 400, { body: '{"__proto__":{"polluted":true},"eventId":"x"}' }, 'forbidden key'],
      ['a SAML request on the token route', 400, { body: loadFixture('saml.request.json') }, 'the body is a saml hook request'],
      ['an event hook delivery on the token route', 400, { body: loadFixture('event-hook.request.json') }, 'event hook request'],
      ['a token request missing its data', 400, { body: { ...tokenRequest, data: undefined } }, 'data expected object'],
      ['a GET', 405, { method: 'GET' }, 'POST'],
      ['a body over the limit', 413, { body: 'x'.repeat(300 * 1024) }, 'larger than'],
    ])('answers %s with %i and an Okta error object', async (_name, status, options, fragment) => {
      const answer = await call(addTier, httpEvent({ ...options, headers: { ...authHeaders, ...options?.headers } }));
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toBe('application/json');
      const body = answer.body as { error: { errorSummary: string } };
      expect(body.error.errorSummary).toContain(fragment);
      expect(answer.text).not.toMatch(/at .+\.ts:\d+/);
    });

    it('names the location of each schema problem', async () => {
      const broken = JSON.parse(JSON.stringify(tokenRequest)) as { eventId?: string; data: { identity: { claims: unknown } } };
      delete broken.eventId;
      broken.data.identity.claims = 'none';
      const answer = await call(addTier, httpEvent({ body: broken, headers: authHeaders }));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: {
          errorSummary: expect.stringContaining('eventId') as string,
          errorCauses: [
            { errorSummary: 'eventId expected string', reason: 'INVALID_REQUEST', locationType: 'body', location: 'eventId' },
            {
              errorSummary: 'data.identity.claims expected an object',
              reason: 'INVALID_REQUEST',
              locationType: 'body',
              location: 'data.identity.claims',
            },
          ],
        },
      });
    });

    it('answers random junk bodies with a JSON 400 or 401, never a crash', async () => {
      const junk = fc.oneof(
        fc.string(),
        fc.json(),
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
        fc.record({ eventType: fc.constantFrom('com.okta.oauth2.tokens.transform', 'x'), data: fc.anything() }).map((value) => JSON.stringify(value)),
      );
      await fc.assert(
        fc.asyncProperty(junk, fc.boolean(), fc.boolean(), async (body, authenticated, base64) => {
          const event = httpEvent({ body, base64, headers: authenticated ? authHeaders : {} });
          const answer = await call(addTier, event);
          expect(authenticated ? [400, 200] : [401]).toContain(answer.status);
          expect(answer.headers['content-type']).toBe('application/json');
          expect(() => JSON.parse(answer.text) as unknown).not.toThrow();
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('fail policies', () => {
    it('answers the open policy (204 for token) when a dependency fails', async () => {
      const answer = await call(() => Promise.reject(new DependencyFailure('lookup table', 'throttled')));
      expect(answer.status).toBe(204);
      expect(emittedMetrics()).toMatchObject({ DependencyFailure: 1, FailPolicyApplied: 1 });
    });

    it('answers the closed policy (an error that stops the token) when configured', async () => {
      const config = testConfig({ hooks: { token: { failPolicy: 'closed' } } });
      const answer = await call(() => Promise.reject(new DependencyFailure('lookup table', 'down')), undefined, config);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ error: { errorSummary: 'Token enrichment is temporarily unavailable.' } });
    });

    it('answers within the deadline when the decision hangs', async () => {
      const config = testConfig({ runtime: { deadlineMs: 150 } });
      const started = Date.now();
      const answer = await call(() => new Promise(() => undefined), undefined, config);
      expect(answer.status).toBe(204);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(emittedMetrics()).toMatchObject({ DeadlineHit: 1, FailPolicyApplied: 1 });
    });

    it('counts time spent before the handler (a cold start) against the deadline', async () => {
      const config = testConfig({ runtime: { deadlineMs: 400 } });
      const event = httpEvent({ body: tokenRequest, headers: authHeaders, timeEpoch: Date.now() - 350 });
      const decide: HookDecision<'token'> = () => new Promise((resolve) => setTimeout(() => resolve(noChange()), 200).unref());
      await call(decide, event, config);
      expect(emittedMetrics()).toMatchObject({ DeadlineHit: 1 });
    });

    it('answers the fail policy when the decision throws a bug', async () => {
      const answer = await call(() => Promise.reject(new TypeError('undefined is not a function')));
      expect(answer.status).toBe(204);
      expect(emittedMetrics()).toMatchObject({ InternalError: 1, FailPolicyApplied: 1 });
    });

    it('answers the fail policy when the secret store is down', async () => {
      const runtime = testRuntime('token');
      runtime.authenticator = {
        authenticate: () => Promise.reject(new DependencyFailure('Secrets Manager', 'could not read the shared secret')),
      };
      const answer = await invoke(runtimeHandler(runtime, addTier), httpEvent({ body: tokenRequest, headers: authHeaders }));
      expect(answer.status).toBe(204);
      expect(emittedMetrics()).toMatchObject({ DependencyFailure: 1, FailPolicyApplied: 1 });
    });

    it('never sends an answer the contract checker rejects', async () => {
      const forged: HookDecision<'token'> = () =>
        Promise.resolve(withCommands([tokenPatch('identity', [addClaim('sub', 'someone-else')])]));
      const answer = await call(forged);
      expect(answer.status).toBe(204);
      expect(emittedMetrics()).toMatchObject({ ContractRejection: 1, FailPolicyApplied: 1 });
      const rejection = output.lines().find((line) => line.message === 'answer broke the Okta contract and was not sent; answering with the fail policy');
      expect(rejection?.violations).toEqual([expect.stringContaining('"sub" may only be changed in access tokens')]);
    });

    it.each(inlineHookNames.flatMap((hook) => (['open', 'closed'] as const).map((policy) => [hook, policy] as const)))(
      'the %s hook’s %s answer passes the checker for every fixture request',
      (hook, policy) => {
        for (const fixture of fixturesOf[hook]) {
          const answer = failPolicyAnswer(hook, policy);
          const bodyText = answer.status === 204 ? '' : JSON.stringify(answer.body);
          const verdict = checkAnswer(hook, requestOf(hook, fixture), {
            status: answer.status,
            bodyText,
            body: bodyText === '' ? undefined : (JSON.parse(bodyText) as unknown),
          });
          expect(verdict.violations).toEqual([]);
        }
      },
    );

    it('never answers a fail policy that verifies a password', () => {
      for (const policy of ['open', 'closed'] as const) {
        expect(JSON.stringify(failPolicyAnswer('password-import', policy))).not.toMatch(/"credential":"VERIFIED"/);
      }
    });
  });

  it('writes one summary log line per call with the Okta eventId', async () => {
    await call(addTier);
    const summary = output.lines().find((line) => line.message === 'hook answered');
    expect(summary).toMatchObject({ hook: 'token', status: 200, eventId: 'tkn-7f3c9a2e-0001', level: 'INFO' });
  });
});
