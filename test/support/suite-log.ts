/**
 * Everything the suite's code writes (stdout and stderr of every test file, and the output of
 * the child processes tests start) is appended to files in one directory, and values that must
 * never reach a log are registered there too. The global teardown reads both and fails the run
 * on any match (test/support/global-teardown.ts).
 */
import { appendFileSync, closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export const SUITE_LOG_DIRECTORY = 'OKTA_HOOKS_SUITE_LOG_DIR';

export type SensitiveKind = 'password' | 'OTP code' | 'secret' | 'bearer token' | 'phone number';

let descriptor: number | undefined;

const directory = (): string | undefined => process.env[SUITE_LOG_DIRECTORY];

const logDescriptor = (): number | undefined => {
  const logDirectory = directory();
  if (!logDirectory) return undefined;
  descriptor ??= openSync(path.join(logDirectory, `output-${String(process.pid)}.log`), 'a');
  return descriptor;
};

/** Appends captured output (synchronously: nothing is held in memory, so heap measurements stay honest). */
export const recordSuiteOutput = (chunk: unknown): void => {
  const target = logDescriptor();
  if (target === undefined) return;
  if (typeof chunk === 'string') writeSync(target, chunk);
  else writeSync(target, Buffer.from(chunk as Uint8Array));
};

/** Marks where a test file's output begins, so a finding names its file. */
export const markTestFile = (testPath: string): void => recordSuiteOutput(`\n\u0000TEST FILE ${testPath}\n`);

/** A value created at run time (a signed JWT, a generated secret) that no log may hold. */
export const registerSensitive = (kind: SensitiveKind, value: string): void => {
  const logDirectory = directory();
  if (logDirectory) appendFileSync(path.join(logDirectory, `sensitive-${String(process.pid)}.jsonl`), `${JSON.stringify({ kind, value })}\n`);
};

export const closeSuiteLog = (): void => {
  if (descriptor !== undefined) closeSync(descriptor);
  descriptor = undefined;
};

export interface SuiteLogs {
  output: { file: string; text: string }[];
  registered: { kind: SensitiveKind; value: string }[];
}

export const readSuiteLogs = (logDirectory: string): SuiteLogs => {
  const files = readdirSync(logDirectory);
  return {
    output: files.filter((file) => file.startsWith('output-')).map((file) => ({ file, text: readFileSync(path.join(logDirectory, file), 'utf8') })),
    registered: files
      .filter((file) => file.startsWith('sensitive-'))
      .flatMap((file) => readFileSync(path.join(logDirectory, file), 'utf8').split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as { kind: SensitiveKind; value: string }),
  };
};
