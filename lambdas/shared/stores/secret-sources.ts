/**
 * Where the shared header secret is read from: Secrets Manager or SSM Parameter Store through
 * the Powertools parameters providers (cached for `secretMaxAgeSeconds`), or the environment
 * in local mode.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { EnvironmentVariable } from '../config/environment';
import type { HeaderAuthConfig } from '../config/service-config';
import type { SecretSource } from '../runtime/auth/shared-secret';
import { DependencyFailure } from './dependency-failure';

// A secret read happens on a cold start inside Okta's 3 s: fail fast rather than wait.
const quickClientOptions = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 500, requestTimeout: 1000 },
};
const secretsProvider = new SecretsProvider({ awsSdkV3Client: new SecretsManagerClient(quickClientOptions) });
const ssmProvider = new SSMProvider({ awsSdkV3Client: new SSMClient(quickClientOptions) });

const requireString = (value: unknown, dependency: string): string => {
  if (typeof value !== 'string') throw new DependencyFailure(dependency, 'the secret is not a string value');
  return value;
};

export const secretsManagerSecret = (secretId: string, maxAgeSeconds: number): SecretSource => ({
  description: 'Secrets Manager',
  read: async ({ forceFetch }) =>
    requireString(await secretsProvider.get(secretId, { maxAge: maxAgeSeconds, forceFetch }), 'Secrets Manager'),
});

export const ssmSecret = (parameterName: string, maxAgeSeconds: number): SecretSource => ({
  description: 'SSM Parameter Store',
  read: async ({ forceFetch }) =>
    requireString(
      await ssmProvider.get(parameterName, { maxAge: maxAgeSeconds, forceFetch, decrypt: true }),
      'SSM Parameter Store',
    ),
});

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

/** The source a header-auth configuration names, with its id from OKTA_HOOK_SECRET_ID. */
export const secretSourceFor = (auth: HeaderAuthConfig, environment: NodeJS.ProcessEnv = process.env): SecretSource => {
  if (auth.secretSource === 'environment') return environmentSecret(environment);
  const secretId = environment[EnvironmentVariable.secretId];
  if (!secretId) {
    return {
      description: auth.secretSource,
      read: () => Promise.reject(new DependencyFailure(auth.secretSource, `${EnvironmentVariable.secretId} is not set`)),
    };
  }
  return auth.secretSource === 'ssm'
    ? ssmSecret(secretId, auth.secretMaxAgeSeconds)
    : secretsManagerSecret(secretId, auth.secretMaxAgeSeconds);
};
