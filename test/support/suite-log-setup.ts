/**
 * Runs before every test file: whatever the file's code writes to stdout or stderr is also
 * recorded for the suite-wide log scan, then written on as before.
 */
import { closeSuiteLog, markTestFile, recordSuiteOutput } from './suite-log';

const streams = [process.stdout, process.stderr] as const;
const originals = streams.map((stream) => stream.write);

beforeAll(() => {
  markTestFile(expect.getState().testPath ?? 'unknown test file');
  streams.forEach((stream, index) => {
    const original = originals[index];
    if (!original) return;
    stream.write = function recordAndWrite(this: NodeJS.WriteStream, ...args: Parameters<typeof original>) {
      recordSuiteOutput(args[0]);
      return original.apply(this, args);
    } as typeof original;
  });
});

afterAll(() => {
  streams.forEach((stream, index) => {
    const original = originals[index];
    if (original) stream.write = original;
  });
  closeSuiteLog();
});
