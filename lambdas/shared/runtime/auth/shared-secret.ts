/**
 * Header authentication with a shared secret (`authScheme` of type HEADER). The secret comes
 * from a {@link SecretSource}; during a rotation it holds two accepted values.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { DependencyFailure } from '../../stores/dependency-failure';
import type { AuthResult, Authenticator } from './authenticator';

/** Reads the raw secret; `forceFetch` bypasses any cache (used once a presented value does not match). */
export interface SecretSource {
  readonly description: string;
  read(options: { forceFetch: boolean }): Promise<string>;
}

/** Shorter secrets are refused as a misconfiguration, never compared. */
export const MIN_SECRET_LENGTH = 16;

/**
 * The stored secret is either the header value itself, or, during a rotation, the JSON
 * document `{"current": "...", "previous": "..."}`: both values are accepted until
 * `previous` is removed.
 */
export const acceptedSecretValues = (document: string): string[] => {
  let values: unknown[] = [document];
  if (document.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(document);
      if (typeof parsed === 'object' && parsed !== null && 'current' in parsed) {
        const { current, previous } = parsed as { current: unknown; previous?: unknown };
        values = previous === undefined || previous === null || previous === '' ? [current] : [current, previous];
      }
    } catch {
      // Not JSON after all: the whole string is the secret.
    }
  }
  if (!values.every((value): value is string => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH)) {
    throw new DependencyFailure(
      'shared secret',
      `every accepted value must be a string of at least ${MIN_SECRET_LENGTH} characters`,
    );
  }
  return values;
};

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares digests, so values of different lengths take the same time, and always looks at
 * every accepted value, so the time does not tell which one matched.
 */
export const matchesAnyInConstantTime = (presented: string, acceptedDigests: readonly Buffer[]): boolean => {
  const presentedDigest = sha256(presented);
  let matched = false;
  for (const accepted of acceptedDigests) matched = timingSafeEqual(presentedDigest, accepted) || matched;
  return matched;
};

export interface SharedSecretOptions {
  /** Header name as configured in Okta; matched case-insensitively. */
  headerName: string;
  source: SecretSource;
  /** A presented value that matches nothing triggers at most one fresh read per this interval. */
  refreshIntervalMs?: number;
  now?: () => number;
}

export class SharedSecretAuthenticator implements Authenticator {
  private readonly headerName: string;
  private readonly refreshIntervalMs: number;
  private readonly now: () => number;
  private lastForcedReadAt = Number.NEGATIVE_INFINITY;
  private cached?: { document: string; digests: Buffer[] };

  constructor(private readonly options: SharedSecretOptions) {
    this.headerName = options.headerName.toLowerCase();
    this.refreshIntervalMs = options.refreshIntervalMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async authenticate(headers: Readonly<Record<string, string>>): Promise<AuthResult> {
    const presented = headers[this.headerName];
    if (presented === undefined || presented === '') return { ok: false, reason: 'missing-credentials' };
    if (matchesAnyInConstantTime(presented, await this.acceptedDigests(false))) {
      return { ok: true, principal: 'shared-secret' };
    }
    // The secret may have been rotated since it was cached: read it again, but not on every bad call.
    if (this.now() - this.lastForcedReadAt >= this.refreshIntervalMs) {
      this.lastForcedReadAt = this.now();
      if (matchesAnyInConstantTime(presented, await this.acceptedDigests(true))) {
        return { ok: true, principal: 'shared-secret' };
      }
    }
    return { ok: false, reason: 'wrong-secret' };
  }

  private async acceptedDigests(forceFetch: boolean): Promise<Buffer[]> {
    let document: string;
    try {
      document = await this.options.source.read({ forceFetch });
    } catch (error) {
      throw error instanceof DependencyFailure
        ? error
        : new DependencyFailure(this.options.source.description, 'could not read the shared secret', { cause: error });
    }
    if (this.cached?.document !== document) {
      this.cached = { document, digests: acceptedSecretValues(document).map(sha256) };
    }
    return this.cached.digests;
  }
}
