import { rmSync } from 'node:fs';
import { knownSensitiveValues, patternFor, sensitivePatterns } from './sensitive-values';
import { readSuiteLogs, SUITE_LOG_DIRECTORY } from './suite-log';

const TEST_FILE_MARKER = '\u0000TEST FILE ';

/** Every place in the suite's output where a sensitive value shows, named by test file, never quoted. */
export const findLeaks = (logDirectory: string): string[] => {
  const logs = readSuiteLogs(logDirectory);
  const checks = [
    ...knownSensitiveValues().map(({ kind, value }) => ({ kind, pattern: patternFor(value) })),
    ...logs.registered.map(({ kind, value }) => ({ kind, pattern: patternFor(value) })),
    ...sensitivePatterns,
  ];
  const findings = new Set<string>();
  for (const { text } of logs.output) {
    for (const segment of text.split(TEST_FILE_MARKER)) {
      const newline = segment.indexOf('\n');
      const testFile = newline >= 0 ? segment.slice(0, newline) : 'before the first test file';
      for (const { kind, pattern } of checks) {
        const match = pattern.exec(segment);
        if (match) {
          const line = segment.slice(0, match.index).split('\n').length;
          findings.add(`${kind === 'OTP code' ? 'an' : 'a'} ${kind} in the output of ${testFile} (line ${String(line)} of its output)`);
        }
      }
    }
  }
  return [...findings];
};

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.oktaHooksDynalite;
  if (server) await new Promise((resolve) => server.close(resolve));
  const logDirectory = process.env[SUITE_LOG_DIRECTORY];
  if (!logDirectory) return;
  const leaks = findLeaks(logDirectory);
  if (leaks.length > 0) {
    // Kept for inspection; the message does not repeat the values.
    throw new Error(`Sensitive values reached the logs (captured in ${logDirectory}):\n${leaks.map((leak) => `  - ${leak}`).join('\n')}`);
  }
  rmSync(logDirectory, { recursive: true, force: true });
}
