import type { AuthConfig, HeaderAuthConfig } from '../../config/service-config';
import type { Authenticator } from './authenticator';
import { BearerJwtAuthenticator } from './bearer-jwt';
import { SharedSecretAuthenticator, type SecretSource } from './shared-secret';

/**
 * The authenticator the configuration asks for; `secretSourceFor` supplies the header
 * secret's store. A bundle names its mode at build time (OKTA_HOOKS_AUTH_MODE), so a
 * header-auth bundle carries no JWT code.
 */
export const createAuthenticator = (auth: AuthConfig, secretSourceFor: (auth: HeaderAuthConfig) => SecretSource): Authenticator => {
  if (auth.mode === 'oauth') {
    if ((process.env.OKTA_HOOKS_AUTH_MODE ?? 'oauth') === 'oauth') return new BearerJwtAuthenticator(auth);
    throw new Error('this bundle was built for header authentication but its configuration asks for OAuth');
  }
  return new SharedSecretAuthenticator({ headerName: auth.headerName, source: secretSourceFor(auth) });
};
