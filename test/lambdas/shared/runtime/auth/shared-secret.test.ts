import { createHash } from 'node:crypto';
import {
  acceptedSecretValues,
  matchesAnyInConstantTime,
  SharedSecretAuthenticator,
  type SecretSource,
} from '../../../../../lambdas/shared/runtime/auth/shared-secret';
import { DependencyFailure } from '../../../../../lambdas/shared/stores/dependency-failure';

const CURRENT = 'current-secret-value-0001';
const PREVIOUS = 'previous-secret-value-0001';

/** A secret store whose value a test can change, counting reads and forced reads. */
const mutableSource = (initial: string) => {
  const state = { value: initial, reads: 0, forcedReads: 0, cachedValue: initial };
  const source: SecretSource = {
    description: 'test store',
    read: ({ forceFetch }) => {
      state.reads += 1;
      if (forceFetch) {
        state.forcedReads += 1;
        state.cachedValue = state.value;
      }
      // Like the Powertools providers: a cached value until a forced read.
      return Promise.resolve(state.cachedValue);
    },
  };
  return { source, state };
};

const authenticator = (source: SecretSource, now = () => Date.now()) =>
  new SharedSecretAuthenticator({ headerName: 'X-Okta-Hook-Secret', source, now });

describe('shared secret values', () => {
  it('is the whole string when it is not a rotation document', () => {
    expect(acceptedSecretValues(CURRENT)).toEqual([CURRENT]);
    expect(acceptedSecretValues('{not json but long enough')).toEqual(['{not json but long enough']);
  });

  it('accepts current and previous during a rotation', () => {
    expect(acceptedSecretValues(JSON.stringify({ current: CURRENT, previous: PREVIOUS }))).toEqual([CURRENT, PREVIOUS]);
    expect(acceptedSecretValues(JSON.stringify({ current: CURRENT, previous: '' }))).toEqual([CURRENT]);
  });

  it.each(['', 'short', JSON.stringify({ current: 'short' }), JSON.stringify({ current: CURRENT, previous: 42 })])(
    'refuses %j as a misconfiguration, never compares it',
    (document) => {
      expect(() => acceptedSecretValues(document)).toThrow(DependencyFailure);
    },
  );

  it('compares digests so any length can be presented', () => {
    const digests = [CURRENT, PREVIOUS].map((value) => createHash('sha256').update(value).digest());
    expect(matchesAnyInConstantTime(CURRENT, digests)).toBe(true);
    expect(matchesAnyInConstantTime(PREVIOUS, digests)).toBe(true);
    expect(matchesAnyInConstantTime(`${CURRENT}x`, digests)).toBe(false);
    expect(matchesAnyInConstantTime('', digests)).toBe(false);
  });
});

describe('SharedSecretAuthenticator', () => {
  it('accepts the right value in the configured header (names arrive lower-cased)', async () => {
    const { source } = mutableSource(CURRENT);
    await expect(authenticator(source).authenticate({ 'x-okta-hook-secret': CURRENT })).resolves.toEqual({
      ok: true,
      principal: 'shared-secret',
    });
  });

  it.each([
    ['no header', {}, 'missing-credentials'],
    ['an empty header', { 'x-okta-hook-secret': '' }, 'missing-credentials'],
    ['the right value in the wrong header', { authorization: CURRENT }, 'missing-credentials'],
    ['a wrong value', { 'x-okta-hook-secret': 'wrong-secret-value-0001' }, 'wrong-secret'],
    ['a truncated value', { 'x-okta-hook-secret': CURRENT.slice(0, -1) }, 'wrong-secret'],
    ['a value in another case', { 'x-okta-hook-secret': CURRENT.toUpperCase() }, 'wrong-secret'],
    ['the value with whitespace', { 'x-okta-hook-secret': ` ${CURRENT}` }, 'wrong-secret'],
  ])('refuses %s', async (_name, headers, reason) => {
    const { source } = mutableSource(CURRENT);
    await expect(authenticator(source).authenticate(headers)).resolves.toEqual({ ok: false, reason });
  });

  it('accepts both values while a rotation document holds two', async () => {
    const { source } = mutableSource(JSON.stringify({ current: CURRENT, previous: PREVIOUS }));
    const auth = authenticator(source);
    await expect(auth.authenticate({ 'x-okta-hook-secret': CURRENT })).resolves.toMatchObject({ ok: true });
    await expect(auth.authenticate({ 'x-okta-hook-secret': PREVIOUS })).resolves.toMatchObject({ ok: true });
  });

  it('picks up a rotated secret at once by reading the store again on a mismatch', async () => {
    const { source, state } = mutableSource(CURRENT);
    const auth = authenticator(source);
    await auth.authenticate({ 'x-okta-hook-secret': CURRENT });
    state.value = 'rotated-secret-value-0002';
    await expect(auth.authenticate({ 'x-okta-hook-secret': 'rotated-secret-value-0002' })).resolves.toMatchObject({ ok: true });
    expect(state.forcedReads).toBe(1);
  });

  it('reads the store again at most once per interval however many wrong values arrive', async () => {
    let now = 0;
    const { source, state } = mutableSource(CURRENT);
    const auth = authenticator(source, () => now);
    for (let attempt = 0; attempt < 20; attempt += 1) await auth.authenticate({ 'x-okta-hook-secret': `wrong-${attempt}-padding-xx` });
    expect(state.forcedReads).toBe(1);
    now += 30_000;
    await auth.authenticate({ 'x-okta-hook-secret': 'wrong-again-padding-xxxx' });
    expect(state.forcedReads).toBe(2);
  });

  it('reports a store failure as a DependencyFailure, not as a refusal', async () => {
    const failing: SecretSource = { description: 'broken store', read: () => Promise.reject(new Error('throttled')) };
    await expect(authenticator(failing).authenticate({ 'x-okta-hook-secret': CURRENT })).rejects.toBeInstanceOf(DependencyFailure);
  });
});
