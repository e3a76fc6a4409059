import { cachedUserDirectory, TtlCache } from '../../../../lambdas/shared/stores/lookup-cache';
import type { UserDirectory } from '../../../../lambdas/shared/stores/ports';

const signal = new AbortController().signal;

describe('TtlCache', () => {
  it('forgets entries after their time to live', () => {
    let now = 0;
    const cache = new TtlCache<string>(1000, 10, () => now);
    cache.set('a', 'x');
    expect(cache.get('a')).toEqual({ value: 'x' });
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const cache = new TtlCache<number>(60_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, { value: 2 }, { value: 3 }]);
    expect(cache.size).toBe(2);
  });
});

describe('cachedUserDirectory', () => {
  const counting = () => {
    const calls: string[] = [];
    const inner: UserDirectory = {
      findUser: (key) => {
        calls.push(key.by === 'login' ? key.login : key.oktaUserId);
        return Promise.resolve(key.by === 'login' && key.login === 'alice@example.com' ? { login: 'alice@example.com', attributes: {}, status: 'active' } : undefined);
      },
    };
    return { calls, inner };
  };

  it('serves repeated lookups, hits and misses, from memory within the TTL', async () => {
    let now = 0;
    const { calls, inner } = counting();
    const users = cachedUserDirectory(inner, { ttlSeconds: 30, now: () => now });
    await users.findUser({ by: 'login', login: 'alice@example.com' }, signal);
    await users.findUser({ by: 'login', login: 'ALICE@example.com' }, signal);
    await users.findUser({ by: 'login', login: 'nobody@example.com' }, signal);
    await users.findUser({ by: 'login', login: 'nobody@example.com' }, signal);
    expect(calls).toEqual(['alice@example.com', 'nobody@example.com']);
    now = 30_000;
    await users.findUser({ by: 'login', login: 'alice@example.com' }, signal);
    expect(calls).toHaveLength(3);
  });

  it('is the directory itself when the TTL is 0', () => {
    const { inner } = counting();
    expect(cachedUserDirectory(inner, { ttlSeconds: 0 })).toBe(inner);
  });

  it('does not cache failures', async () => {
    let fail = true;
    const inner: UserDirectory = {
      findUser: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(undefined)),
    };
    const users = cachedUserDirectory(inner, { ttlSeconds: 30 });
    await expect(users.findUser({ by: 'login', login: 'a' }, signal)).rejects.toThrow('down');
    fail = false;
    await expect(users.findUser({ by: 'login', login: 'a' }, signal)).resolves.toBeUndefined();
  });
});
