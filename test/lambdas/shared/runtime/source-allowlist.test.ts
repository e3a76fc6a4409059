import { createEventHookHandler, eventHookRuntime } from '../../../../lambdas/event-hook/handler';
import type { EventQueue } from '../../../../lambdas/event-hook/event-queue';
import { parseCidr } from '../../../../lambdas/shared/config/network-settings';
import { ConfigError, parseServiceConfig } from '../../../../lambdas/shared/config/service-config';
import { noChange } from '../../../../lambdas/shared/okta/responses';
import { sourceAllowlistOf } from '../../../../lambdas/shared/runtime/source-allowlist';
import { loadFixture } from '../../../support/fixtures';
import { httpEvent } from '../../../support/http-events';
import { captureOutput, type CapturedOutput } from '../../../support/output-capture';
import { invoke, runtimeHandler } from '../../../support/test-handler';
import { authHeaders, testConfig, testRuntime } from '../../../support/test-runtime';

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

describe('CIDR blocks', () => {
  it.each([
    ['203.0.113.0/24', { address: '203.0.113.0', prefix: 24, family: 'ipv4' }],
    ['203.0.113.7', { address: '203.0.113.7', prefix: 32, family: 'ipv4' }],
    ['2001:db8::/32', { address: '2001:db8::', prefix: 32, family: 'ipv6' }],
    [' 2001:db8::1 ', { address: '2001:db8::1', prefix: 128, family: 'ipv6' }],
  ])('reads %s', (text, cidr) => {
    expect(parseCidr(text)).toEqual(cidr);
  });

  it.each(['', 'okta.com', '203.0.113.0/33', '2001:db8::/129', '203.0.113.0/24/8', '203.0.113.0/-1', '256.0.0.1', '203.0.113.0/ 24'])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it('names the bad entry in the configuration', () => {
    expect(() => parseServiceConfig({ network: { allowedSourceCidrs: ['203.0.113.0/24', 'okta.com'] } })).toThrow(ConfigError);
    expect(() => parseServiceConfig({ network: { allowedSourceCidrs: ['203.0.113.0/24', 'okta.com'] } })).toThrow(/network\.allowedSourceCidrs\[1\]: must be an IPv4 or IPv6 address or CIDR block/);
  });
});

describe('the source allowlist', () => {
  const allowlist = sourceAllowlistOf({ allowedSourceCidrs: ['203.0.113.0/24', '198.51.100.7', '2001:db8:1::/48'] });

  it('is absent when nothing is configured', () => {
    expect(sourceAllowlistOf({ allowedSourceCidrs: [] })).toBeUndefined();
  });

  it.each([
    ['203.0.113.1', true],
    ['203.0.113.255', true],
    ['203.0.114.1', false],
    ['198.51.100.7', true],
    ['198.51.100.8', false],
    ['::ffff:203.0.113.9', true],
    ['2001:db8:1:ffff::1', true],
    ['2001:db8:2::1', false],
    ['not an address', false],
    [undefined, false],
  ])('says %s is allowed: %s', (sourceIp, allowed) => {
    expect(allowlist?.allows(sourceIp)).toBe(allowed);
  });
});

describe('routes behind the allowlist', () => {
  // httpEvent() calls come from 203.0.113.24.
  const inside = { network: { allowedSourceCidrs: ['203.0.113.0/24'] } };
  const outside = { network: { allowedSourceCidrs: ['198.51.100.0/24'] } };

  it('answers an inline hook called from inside, and refuses one from outside with 403 before authentication', async () => {
    let decided = 0;
    const handlerWith = (network: typeof inside) =>
      runtimeHandler(testRuntime('token', testConfig(network)), () => {
        decided += 1;
        return Promise.resolve(noChange());
      });
    const body = loadFixture('token.request.json');
    expect((await invoke(handlerWith(inside), httpEvent({ body, headers: authHeaders }))).status).toBe(204);
    const refused = await invoke(handlerWith(outside), httpEvent({ body, headers: authHeaders }));
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: { errorSummary: 'Forbidden' } });
    // Without the secret too: a caller outside the allowlist learns nothing about it.
    expect((await invoke(handlerWith(outside), httpEvent({ body }))).status).toBe(403);
    expect(decided).toBe(1);
    expect(output.lines().filter((line) => line.message === 'source address not allowed')).toHaveLength(2);
    // Counted as a refusal, not as a bad request, in the summary line and its metrics.
    const refusals = output.lines().filter((line) => line.message === 'hook answered' && line.status === 403);
    expect(refusals.map((line) => line.events)).toEqual([['SourceRefused'], ['SourceRefused']]);
  });

  it('refuses event hook deliveries and verifications from outside with 403', async () => {
    const queued: unknown[] = [];
    const queue: EventQueue = { enqueue: (messages) => (queued.push(...messages), Promise.resolve()) };
    const handlerWith = (network: typeof inside) => {
      const config = testConfig({ ...network, auth: { mode: 'header', secretSource: 'environment' } });
      process.env.OKTA_HOOK_SECRET = authHeaders.authorization;
      return createEventHookHandler(eventHookRuntime(config), queue);
    };
    const delivery = loadFixture('event-hook.request.json');
    expect((await invoke(handlerWith(inside), httpEvent({ body: delivery, headers: authHeaders }))).status).toBe(200);
    expect((await invoke(handlerWith(outside), httpEvent({ body: delivery, headers: authHeaders }))).status).toBe(403);
    const verification = httpEvent({ method: 'GET', headers: { ...authHeaders, 'x-okta-verification-challenge': 'challenge-123' } });
    expect((await invoke(handlerWith(outside), verification)).status).toBe(403);
    expect(queued.length).toBeGreaterThan(0);
    const queuedAfterInside = queued.length;
    await invoke(handlerWith(outside), httpEvent({ body: delivery, headers: authHeaders }));
    expect(queued).toHaveLength(queuedAfterInside);
  });
});
