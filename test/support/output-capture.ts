/**
 * Captures everything written to stdout and stderr (where the Powertools logger and EMF
 * metrics go), so tests can assert on log lines and on what must never appear in them.
 */
import { recordSuiteOutput } from './suite-log';

export interface CapturedOutput {
  text(): string;
  /** Every JSON line written so far, parsed. */
  lines(): Record<string, unknown>[];
  restore(): void;
}

/** `retain: false` keeps nothing in memory (for load tests that measure the heap): only the suite scan sees it. */
export const captureOutput = ({ retain = true } = {}): CapturedOutput => {
  const chunks: string[] = [];
  const record = (chunk: unknown): boolean => {
    // Held back from the terminal, never from the suite-wide log scan.
    recordSuiteOutput(chunk);
    if (retain) chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(record);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(record);
  const text = () => chunks.join('');
  return {
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim().startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      stdout.mockRestore();
      stderr.mockRestore();
    },
  };
};
