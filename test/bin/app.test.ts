import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repositoryRoot } from '../support/local-process';

/** `npx cdk synth` exactly as a user runs it: offline, no AWS credentials, no Docker. */
const synth = (args: string[], output: string) =>
  new Promise<{ code: number | null; text: string }>((resolve) => {
    const environment: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true' };
    const child = spawn(path.join(repositoryRoot, 'node_modules/.bin/cdk'), ['synth', '--quiet', '--output', output, ...args], {
      cwd: repositoryRoot,
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, text }));
  });

describe('npx cdk synth', () => {
  it('synthesises the production stage offline, with every function bundled by the local esbuild', async () => {
    const output = mkdtempSync(path.join(tmpdir(), 'okta-hooks-synth-'));
    const { code, text } = await synth(['-c', 'stage=prod'], output);
    expect({ code, text: code === 0 ? '' : text }).toEqual({ code: 0, text: '' });
    const template = JSON.parse(readFileSync(path.join(output, 'OktaHooks-prod.template.json'), 'utf8')) as { Resources: object };
    expect(Object.keys(template.Resources).length).toBeGreaterThan(100);
    const bundles = readdirSync(output).filter((entry) => entry.startsWith('asset.') && existsSync(path.join(output, entry, 'index.mjs')));
    expect(bundles).toHaveLength(8);
  }, 180_000);

  it('names the bad field of a broken stage configuration', async () => {
    const output = mkdtempSync(path.join(tmpdir(), 'okta-hooks-synth-'));
    const { code, text } = await synth(['-c', 'stage=nosuchstage'], output);
    expect(code).not.toBe(0);
    expect(text).toContain('no configuration for stage "nosuchstage"');
  }, 60_000);
});
