/**
 * An in-memory cache with a time to live, per function instance. A warm Lambda answers a
 * repeated lookup without a network call; the TTL bounds how stale a record can be.
 * Misses are cached too, so an unknown user does not cost a table read on every call.
 */
import type { CodeTable, LegacyCredentialStore, LinkDirectory, UserDirectory, UserKey } from './ports';

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): { value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return { value: entry.value };
  }

  set(key: string, value: V): void {
    // Maps iterate in insertion order: dropping the first entry drops the oldest.
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}

const memoize = <V>(cache: TtlCache<V>, key: string, load: () => Promise<V>): Promise<V> => {
  const cached = cache.get(key);
  if (cached) return Promise.resolve(cached.value);
  return load().then((value) => {
    cache.set(key, value);
    return value;
  });
};

const userCacheKey = (key: UserKey) => (key.by === 'login' ? `login:${key.login.trim().toLowerCase()}` : `id:${key.oktaUserId}`);

export interface CacheOptions {
  ttlSeconds: number;
  maxEntries?: number;
  now?: () => number;
}

export const cachedUserDirectory = (inner: UserDirectory, options: CacheOptions): UserDirectory => {
  if (options.ttlSeconds <= 0) return inner;
  const cache = new TtlCache<Awaited<ReturnType<UserDirectory['findUser']>>>(options.ttlSeconds * 1000, options.maxEntries, options.now);
  return { findUser: (key, signal) => memoize(cache, userCacheKey(key), () => inner.findUser(key, signal)) };
};

export const cachedCodeTable = (inner: CodeTable, options: CacheOptions): CodeTable => {
  if (options.ttlSeconds <= 0) return inner;
  const cache = new TtlCache<Awaited<ReturnType<CodeTable['findCode']>>>(options.ttlSeconds * 1000, options.maxEntries, options.now);
  return {
    findCode: (codeSet, code, signal) => memoize(cache, `${codeSet}\u0000${code}`, () => inner.findCode(codeSet, code, signal)),
  };
};

export const cachedLinkDirectory = (inner: LinkDirectory, options: CacheOptions): LinkDirectory => {
  if (options.ttlSeconds <= 0) return inner;
  const cache = new TtlCache<Awaited<ReturnType<LinkDirectory['findLink']>>>(options.ttlSeconds * 1000, options.maxEntries, options.now);
  return {
    findLink: (namespace, externalId, signal) =>
      memoize(cache, `${namespace}\u0000${externalId}`, () => inner.findLink(namespace, externalId, signal)),
  };
};

/** Off by default for password import: a changed hash must take effect at once. Writes pass through. */
export const cachedCredentialStore = (inner: LegacyCredentialStore, options: CacheOptions): LegacyCredentialStore => {
  if (options.ttlSeconds <= 0) return inner;
  const cache = new TtlCache<Awaited<ReturnType<LegacyCredentialStore['findCredential']>>>(options.ttlSeconds * 1000, options.maxEntries, options.now);
  return {
    findCredential: (login, signal) => memoize(cache, login.trim().toLowerCase(), () => inner.findCredential(login, signal)),
    recordMigration: (login, at, signal) => inner.recordMigration(login, at, signal),
  };
};
