import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import type { HeaderAuthConfig } from '../../../../lambdas/shared/config/service-config';
import { DependencyFailure } from '../../../../lambdas/shared/stores/dependency-failure';
import { environmentSecret, secretSourceFor } from '../../../../lambdas/shared/stores/secret-sources';

// Secrets Manager and SSM cannot run here: they are stubbed at the SDK client boundary only.
const secretsManager = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);

const headerAuth = (secretSource: HeaderAuthConfig['secretSource']): HeaderAuthConfig => ({
  mode: 'header',
  headerName: 'Authorization',
  secretSource,
  secretMaxAgeSeconds: 300,
});

beforeEach(() => {
  secretsManager.reset();
  ssm.reset();
});

describe('secret sources', () => {
  it('reads Secrets Manager once and then serves the cached value until forced', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: 'arn:secret:hooks-1' }).resolves({ SecretString: 'first-value-0000000001' });
    const source = secretSourceFor(headerAuth('secrets-manager'), { OKTA_HOOK_SECRET_ID: 'arn:secret:hooks-1' });
    await expect(source.read({ forceFetch: false })).resolves.toBe('first-value-0000000001');
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'second-value-000000002' });
    await expect(source.read({ forceFetch: false })).resolves.toBe('first-value-0000000001');
    await expect(source.read({ forceFetch: true })).resolves.toBe('second-value-000000002');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('reads an SSM SecureString with decryption', async () => {
    ssm.on(GetParameterCommand, { Name: '/hooks/secret-2', WithDecryption: true }).resolves({ Parameter: { Value: 'ssm-value-000000000001' } });
    const source = secretSourceFor(headerAuth('ssm'), { OKTA_HOOK_SECRET_ID: '/hooks/secret-2' });
    await expect(source.read({ forceFetch: false })).resolves.toBe('ssm-value-000000000001');
  });

  it('fails clearly when no secret id is configured', async () => {
    const source = secretSourceFor(headerAuth('secrets-manager'), {});
    await expect(source.read({ forceFetch: false })).rejects.toThrow('OKTA_HOOK_SECRET_ID is not set');
  });

  it('passes a Secrets Manager failure on', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException'));
    const source = secretSourceFor(headerAuth('secrets-manager'), { OKTA_HOOK_SECRET_ID: 'arn:secret:hooks-3' });
    await expect(source.read({ forceFetch: true })).rejects.toThrow();
  });

  it('reads the environment, with the previous secret during a rotation', async () => {
    await expect(environmentSecret({ OKTA_HOOK_SECRET: 'a'.repeat(16) }).read({ forceFetch: false })).resolves.toBe('a'.repeat(16));
    await expect(
      environmentSecret({ OKTA_HOOK_SECRET: 'a'.repeat(16), OKTA_HOOK_SECRET_PREVIOUS: 'b'.repeat(16) }).read({ forceFetch: false }),
    ).resolves.toBe(JSON.stringify({ current: 'a'.repeat(16), previous: 'b'.repeat(16) }));
    await expect(environmentSecret({}).read({ forceFetch: false })).rejects.toBeInstanceOf(DependencyFailure);
  });
});
