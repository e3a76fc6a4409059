/**
 * Starts `npm start`'s entry point as a real child process on a free port, waits for its
 * banner, and stops it with SIGINT, so tests see exactly what a newcomer runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordSuiteOutput } from './suite-log';

export const repositoryRoot = path.join(__dirname, '..', '..');

export interface LocalProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Sends SIGINT and resolves with the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

export const startLocalProcess = (args: string[] = [], environment: NodeJS.ProcessEnv = {}): Promise<LocalProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', '--port', '0', ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, POWERTOOLS_METRICS_DISABLED: 'true', ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`local mode did not start within 30 s:\n${text}`));
    }, 30_000);
    let serving = false;
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      // The banner shows the local secret on purpose (for curl); what follows is the service's log.
      if (serving) recordSuiteOutput(chunk);
      const url = /running locally at (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
      if (url && text.includes('Ctrl-C stops.') && !serving) {
        serving = true;
        clearTimeout(timer);
        resolve({
          child,
          url,
          output: () => text,
          stop: () => {
            child.kill('SIGINT');
            return exited;
          },
          exited,
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`local mode exited with ${String(code)} before it was ready:\n${text}`));
    });
  });

/** Runs a command to completion, for the failure paths of `npm start` and the CLIs. */
export const runToCompletion = (args: string[], environment: NodeJS.ProcessEnv = {}, timeoutMs = 30_000) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      recordSuiteOutput(chunk);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

/**
 * For a test file that needs one local service: started before its tests with the given
 * secret and an outbox in a scratch directory, stopped and cleaned up after them.
 */
export const useLocalService = (secret: string): (() => LocalProcess) => {
  let service: LocalProcess | undefined;
  let scratch: string | undefined;
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'okta-hooks-local-'));
    service = await startLocalProcess(['--outbox', path.join(scratch, 'outbox.jsonl')], { OKTA_HOOK_SECRET: secret });
  }, 40_000);
  afterAll(async () => {
    if (service?.child.exitCode === null) await service.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
  return () => {
    if (!service) throw new Error('the local service starts in beforeAll');
    return service;
  };
};
