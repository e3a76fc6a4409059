import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { parseServiceConfig } from '../../lambdas/shared/config/service-config';
import { esbuildOptionsFor } from '../../lib/bundling';
import { createTestTable, dynaliteEndpoint } from '../support/dynamo';
import { loadFixture } from '../support/fixtures';
import { httpEvent } from '../support/http-events';
import { TEST_SECRET } from '../support/test-runtime';

const run = promisify(execFile);
const repository = path.join(__dirname, '..', '..');

describe('function bundles, built as the stack builds them', () => {
  it('bake the configuration in and answer as the deployed function would', async () => {
    const test = await createTestTable();
    await test.seed([{ kind: 'user', login: 'alice@example.com', attributes: { patient_id: 'P-BUNDLED' } }]);
    const config = parseServiceConfig({
      auth: { mode: 'header', secretSource: 'environment' },
      hooks: { token: { claims: [{ attribute: 'patient_id', claim: 'bundleProbeClaim', tokens: ['access'] }] } },
    });
    const directory = mkdtempSync(path.join(tmpdir(), 'okta-hooks-bundle-'));
    const outfile = path.join(directory, 'index.mjs');
    const result = await build(esbuildOptionsFor(path.join(repository, 'lambdas/token/handler.ts'), outfile, config));
    expect(result.errors).toEqual([]);
    const bundle = readFileSync(outfile, 'utf8');
    expect(bundle).toContain('bundleProbeClaim');
    expect(bundle).not.toContain('process.env.OKTA_HOOKS_CONFIG');

    // Invoke the bundle in a fresh Node process, with no configuration in its environment.
    writeFileSync(path.join(directory, 'event.json'), JSON.stringify(httpEvent({ body: loadFixture('token.request.json'), headers: { authorization: TEST_SECRET } })));
    const script = `
      const { handler } = await import(${JSON.stringify(outfile)});
      const event = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(path.join(directory, 'event.json'))}, 'utf8'));
      const result = await handler(event, { functionName: 'bundle-test', awsRequestId: 'r', getRemainingTimeInMillis: () => 3000 });
      process.stdout.write('RESULT' + JSON.stringify(result));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', `(async () => {${script}})()`], {
      env: {
        PATH: process.env.PATH,
        OKTA_HOOK_SECRET: TEST_SECRET,
        DYNAMODB_ENDPOINT: dynaliteEndpoint(),
        HOOKS_TABLE_NAME: test.name,
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
    });
    const answer = JSON.parse(stdout.slice(stdout.indexOf('RESULT') + 'RESULT'.length)) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({
      commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/bundleProbeClaim', value: 'P-BUNDLED' }] }],
    });
  });
});
