/** The header secret as an SSM SecureString, read through the Powertools parameters provider (cached). */
import { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { SecretSource } from '../runtime/auth/shared-secret';
import { quickClientOptions, requireSecretString } from './secret-source-support';

// Pure: a bundle that reads its secret elsewhere leaves this client out.
const provider = /* @__PURE__ */ new SSMProvider({ awsSdkV3Client: /* @__PURE__ */ new SSMClient(quickClientOptions) });

export const ssmSecret = (parameterName: string, maxAgeSeconds: number): SecretSource => ({
  description: 'SSM Parameter Store',
  read: async ({ forceFetch }) =>
    requireSecretString(await provider.get(parameterName, { maxAge: maxAgeSeconds, forceFetch, decrypt: true }), 'SSM Parameter Store'),
});
