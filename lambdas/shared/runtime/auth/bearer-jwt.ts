/**
 * OAuth 2.0 authentication (`channel.type: OAUTH`, contract §1.2b): Okta sends an access
 * token as `Authorization: Bearer <jwt>`. jose checks the signature against the issuer's
 * JWKS (fetched once, cached, refetched for an unknown `kid` after a cool-down) and the
 * standard claims; scopes and client ids are checked here.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { OAuthConfig } from '../../config/service-config';
import type { AuthFailureReason, AuthResult, Authenticator } from './authenticator';

const bearerPattern = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i;

/** Okta's authorization servers publish their keys at `<issuer>/v1/keys`. */
export const defaultJwksUri = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/v1/keys`;

/** Fetching keys must fit well inside the 3 s Okta allows for the whole call. */
const JWKS_TIMEOUT_MS = 1000;

const reasonForClaim: Record<string, AuthFailureReason> = {
  nbf: 'not-yet-valid',
  iat: 'not-yet-valid',
  iss: 'wrong-issuer',
  aud: 'wrong-audience',
};

const failureReason = (error: unknown): AuthFailureReason => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = (error as { claim?: unknown }).claim;
      return (typeof claim === 'string' ? reasonForClaim[claim] : undefined) ?? 'invalid-claims';
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'algorithm-not-allowed';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'unknown-key';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'bad-signature';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'malformed-token';
    default:
      // Network errors, timeouts, a non-200 or a malformed key set: the keys could not be read.
      return 'keys-unavailable';
  }
};

const grantedScopes = (payload: JWTPayload): string[] => {
  const { scp, scope } = payload;
  if (Array.isArray(scp)) return scp.filter((item): item is string => typeof item === 'string');
  if (typeof scp === 'string') return scp.split(' ');
  if (typeof scope === 'string') return scope.split(' ');
  return [];
};

export class BearerJwtAuthenticator implements Authenticator {
  readonly challenge = 'Bearer';
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly config: OAuthConfig,
    keys?: JWTVerifyGetKey,
  ) {
    this.keys =
      keys ??
      createRemoteJWKSet(new URL(config.jwksUri ?? defaultJwksUri(config.issuer)), { timeoutDuration: JWKS_TIMEOUT_MS });
  }

  async authenticate(headers: Readonly<Record<string, string>>): Promise<AuthResult> {
    const header = headers.authorization;
    if (header === undefined || header === '') return { ok: false, reason: 'missing-credentials' };
    const token = bearerPattern.exec(header)?.[1];
    if (!token) return { ok: false, reason: 'malformed-token' };

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        // An allow-list of asymmetric algorithms: `none` and HMAC (where the public key could
        // be abused as the shared key) never reach signature verification.
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      return { ok: false, reason: failureReason(error) };
    }

    const scopes = grantedScopes(payload);
    if (!this.config.requiredScopes.every((scope) => scopes.includes(scope))) {
      return { ok: false, reason: 'missing-scope' };
    }
    const clientId = typeof payload.cid === 'string' ? payload.cid : undefined;
    if (this.config.allowedClientIds.length > 0 && (!clientId || !this.config.allowedClientIds.includes(clientId))) {
      return { ok: false, reason: 'client-not-allowed' };
    }
    return { ok: true, principal: clientId ? `client:${clientId}` : 'oauth' };
  }
}
