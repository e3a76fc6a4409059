import { DependencyFailure } from './dependency-failure';

/** A secret read happens on a cold start inside Okta's 3 s: fail fast rather than wait. */
export const quickClientOptions = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 500, requestTimeout: 1000 },
};

export const requireSecretString = (value: unknown, dependency: string): string => {
  if (typeof value !== 'string') throw new DependencyFailure(dependency, 'the secret is not a string value');
  return value;
};
