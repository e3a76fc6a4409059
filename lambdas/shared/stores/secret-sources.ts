/**
 * Where the shared header secret is read from: Secrets Manager or SSM Parameter Store (each
 * through a cached Powertools provider), or the environment in local mode. A bundle names its
 * source at build time (OKTA_HOOKS_SECRET_SOURCE), so the other sources' clients stay out of it.
 */
import { EnvironmentVariable } from '../config/environment';
import type { HeaderAuthConfig } from '../config/service-config';
import type { SecretSource } from '../runtime/auth/shared-secret';
import { DependencyFailure } from './dependency-failure';
import { secretsManagerSecret } from './secrets-manager-secret';
import { ssmSecret } from './ssm-secret';

/** Local mode: OKTA_HOOK_SECRET, plus OKTA_HOOK_SECRET_PREVIOUS while rotating. */
export const environmentSecret = (environment: NodeJS.ProcessEnv = process.env): SecretSource => ({
  description: 'environment',
  read: () => {
    const current = environment[EnvironmentVariable.secret];
    if (!current) {
      return Promise.reject(new DependencyFailure('environment', `${EnvironmentVariable.secret} is not set`));
    }
    const previous = environment[EnvironmentVariable.previousSecret];
    return Promise.resolve(previous ? JSON.stringify({ current, previous }) : current);
  },
});

const missingSecretId = (source: string): SecretSource => ({
  description: source,
  read: () => Promise.reject(new DependencyFailure(source, `${EnvironmentVariable.secretId} is not set`)),
});

/** The source a header-auth configuration names, with its id from OKTA_HOOK_SECRET_ID. */
export const secretSourceFor = (auth: HeaderAuthConfig, environment: NodeJS.ProcessEnv = process.env): SecretSource => {
  // Spelled out in each test so esbuild can fold the bundle's constant and drop the other branches.
  if ((process.env.OKTA_HOOKS_SECRET_SOURCE ?? auth.secretSource) === 'environment') return environmentSecret(environment);
  const secretId = environment[EnvironmentVariable.secretId];
  if (!secretId) return missingSecretId(process.env.OKTA_HOOKS_SECRET_SOURCE ?? auth.secretSource);
  if ((process.env.OKTA_HOOKS_SECRET_SOURCE ?? auth.secretSource) === 'ssm') {
    return ssmSecret(secretId, auth.secretMaxAgeSeconds);
  }
  return secretsManagerSecret(secretId, auth.secretMaxAgeSeconds);
};
