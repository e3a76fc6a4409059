/**
 * How a hook call proves it comes from Okta (contract §1.2): a shared secret in a header,
 * or an OAuth 2.0 bearer JWT. Failure reasons are for logs and metrics only; the caller
 * always gets the same 401.
 */

export type AuthFailureReason =
  | 'missing-credentials'
  | 'wrong-secret'
  | 'malformed-token'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'missing-scope'
  | 'client-not-allowed'
  | 'algorithm-not-allowed'
  | 'unknown-key'
  | 'bad-signature'
  | 'keys-unavailable'
  | 'invalid-claims';

export type AuthResult = { ok: true; principal: string } | { ok: false; reason: AuthFailureReason };

export interface Authenticator {
  /** `headers` are lower-cased. Throws `DependencyFailure` when the expected credential cannot be read. */
  authenticate(headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<AuthResult>;
  /** The `WWW-Authenticate` challenge sent with a 401, if the scheme has one. */
  readonly challenge?: string;
}
