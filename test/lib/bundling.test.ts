import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { parseServiceConfig, type ServiceConfig } from '../../lambdas/shared/config/service-config';
import { esbuildOptionsFor } from '../../lib/bundling';
import { createTestTable, dynaliteEndpoint } from '../support/dynamo';
import { loadFixture } from '../support/fixtures';
import { httpEvent } from '../support/http-events';
import { TEST_SECRET } from '../support/test-runtime';

const run = promisify(execFile);
const repository = path.join(__dirname, '..', '..');

interface BuiltFunction {
  bundle: string;
  invoke(authorization: string, environment: Record<string, string>): Promise<{ statusCode: number; body?: string }>;
}

/** Builds the token function as the stack does and invokes it in fresh Node processes. */
const buildTokenFunction = async (config: ServiceConfig): Promise<BuiltFunction> => {
  const directory = mkdtempSync(path.join(tmpdir(), 'okta-hooks-bundle-'));
  const outfile = path.join(directory, 'index.mjs');
  const result = await build(esbuildOptionsFor(path.join(repository, 'lambdas/token/handler.ts'), outfile, config));
  expect(result.errors).toEqual([]);
  return {
    bundle: readFileSync(outfile, 'utf8'),
    invoke: async (authorization, environment) => {
      const eventFile = path.join(directory, `event-${String(Date.now())}.json`);
      writeFileSync(eventFile, JSON.stringify(httpEvent({ body: loadFixture('token.request.json'), headers: { authorization } })));
      const script = `
        const { handler } = await import(${JSON.stringify(outfile)});
        const event = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(eventFile)}, 'utf8'));
        const result = await handler(event, { functionName: 'bundle-test', awsRequestId: 'r', getRemainingTimeInMillis: () => 3000 });
        process.stdout.write('RESULT' + JSON.stringify(result));
      `;
      // Only what Lambda would give the function: no configuration, no AWS profile or config files.
      const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', `(async () => {${script}})()`], {
        env: {
          PATH: process.env.PATH,
          HOME: directory,
          AWS_REGION: 'eu-central-1',
          AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST',
          AWS_SECRET_ACCESS_KEY: 'bundle-test-secret-key',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          POWERTOOLS_METRICS_DISABLED: 'true',
          ...environment,
        },
      });
      return JSON.parse(stdout.slice(stdout.indexOf('RESULT') + 'RESULT'.length)) as { statusCode: number; body?: string };
    },
  };
};

const tokenConfig = (auth: Record<string, unknown>) =>
  parseServiceConfig({ auth, hooks: { token: { claims: [{ attribute: 'patient_id', claim: 'bundleProbeClaim', tokens: ['access'] }] } } });

const expectProbeClaim = (answer: { statusCode: number; body?: string }) => {
  expect(answer.statusCode).toBe(200);
  expect(JSON.parse(answer.body ?? '')).toMatchObject({
    commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/bundleProbeClaim', value: 'P-BUNDLED' }] }],
  });
};

describe('function bundles, built as the stack builds them', () => {
  it('bake the configuration in and answer as the deployed function would', async () => {
    const test = await createTestTable();
    await test.seed([{ kind: 'user', login: 'alice@example.com', attributes: { patient_id: 'P-BUNDLED' } }]);
    const built = await buildTokenFunction(tokenConfig({ mode: 'header', secretSource: 'environment' }));
    expect(built.bundle).toContain('bundleProbeClaim');
    expect(built.bundle).not.toContain('process.env.OKTA_HOOKS_CONFIG');

    const environment = { OKTA_HOOK_SECRET: TEST_SECRET, DYNAMODB_ENDPOINT: dynaliteEndpoint(), HOOKS_TABLE_NAME: test.name };
    expectProbeClaim(await built.invoke(TEST_SECRET, environment));
  });

  it('read the secret from Secrets Manager with the trimmed SDK: signed with the environment credentials', async () => {
    const test = await createTestTable();
    await test.seed([{ kind: 'user', login: 'alice@example.com', attributes: { patient_id: 'P-BUNDLED' } }]);
    const built = await buildTokenFunction(tokenConfig({ mode: 'header', secretSource: 'secrets-manager' }));
    // The other secret sources' clients and the full credential chain are left out.
    expect(built.bundle).not.toContain('AmazonSSM');
    for (const credentialChainMarker of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'sso_start_url', 'credential_process']) {
      expect(built.bundle).not.toContain(credentialChainMarker);
    }

    // A stand-in for the Secrets Manager API: it records what the SDK sent.
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const secretsManager = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ ARN: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:okta-hook-abc123', Name: 'okta-hook', SecretString: TEST_SECRET }));
      });
    });
    await new Promise<void>((listening) => secretsManager.listen(0, '127.0.0.1', listening));
    try {
      const environment = {
        OKTA_HOOK_SECRET_ID: 'okta-hook',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${String((secretsManager.address() as AddressInfo).port)}`,
        DYNAMODB_ENDPOINT: dynaliteEndpoint(),
        HOOKS_TABLE_NAME: test.name,
      };
      expectProbeClaim(await built.invoke(TEST_SECRET, environment));
      expect((await built.invoke('Basic d3Jvbmc6c2VjcmV0', environment)).statusCode).toBe(401);

      expect(received.length).toBeGreaterThanOrEqual(2);
      const [first] = received;
      expect(first?.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
      expect(first?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDBUNDLETEST\/\d{8}\/eu-central-1\/secretsmanager\/aws4_request/);
      expect(JSON.parse(first?.body ?? '{}')).toEqual({ SecretId: 'okta-hook' });
    } finally {
      await new Promise((closed) => secretsManager.close(closed));
    }
  });
});
