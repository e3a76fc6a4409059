/** The header secret in Secrets Manager, read through the Powertools parameters provider (cached). */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretSource } from '../runtime/auth/shared-secret';
import { quickClientOptions, requireSecretString } from './secret-source-support';

// Pure: a bundle that reads its secret elsewhere leaves this client out.
const provider = /* @__PURE__ */ new SecretsProvider({ awsSdkV3Client: /* @__PURE__ */ new SecretsManagerClient(quickClientOptions) });

export const secretsManagerSecret = (secretId: string, maxAgeSeconds: number): SecretSource => ({
  description: 'Secrets Manager',
  read: async ({ forceFetch }) => requireSecretString(await provider.get(secretId, { maxAge: maxAgeSeconds, forceFetch }), 'Secrets Manager'),
});
