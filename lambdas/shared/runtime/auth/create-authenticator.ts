import type { AuthConfig, HeaderAuthConfig } from '../../config/service-config';
import type { Authenticator } from './authenticator';
import { BearerJwtAuthenticator } from './bearer-jwt';
import { SharedSecretAuthenticator, type SecretSource } from './shared-secret';

/** The authenticator the configuration asks for; `secretSourceFor` supplies the header secret's store. */
export const createAuthenticator = (
  auth: AuthConfig,
  secretSourceFor: (auth: HeaderAuthConfig) => SecretSource,
): Authenticator =>
  auth.mode === 'oauth'
    ? new BearerJwtAuthenticator(auth)
    : new SharedSecretAuthenticator({ headerName: auth.headerName, source: secretSourceFor(auth) });
