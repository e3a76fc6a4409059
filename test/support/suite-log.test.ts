import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findLeaks } from './global-teardown';
import { TEST_SECRET } from './test-secret';

// The suite-wide log scan must be able to fail: it is proven here on planted output.
describe('the suite-wide scan for secrets in logs', () => {
  const scan = (output: string, registered: object[] = []) => {
    const directory = mkdtempSync(path.join(tmpdir(), 'okta-hooks-scan-'));
    writeFileSync(path.join(directory, 'output-1.log'), output);
    writeFileSync(path.join(directory, 'sensitive-1.jsonl'), registered.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    return findLeaks(directory);
  };
  const file = (name: string) => `\n\u0000TEST FILE /repo/test/${name}\n`;

  it('finds each kind of value and names the test file, never the value', () => {
    const leaks = scan(
      [
        file('a.test.ts'),
        '{"message":"ok"}\n',
        `{"message":"refused","presented":"${TEST_SECRET}"}\n`,
        file('b.test.ts'),
        'password Winter-Lake-42 and code 482913\n',
        'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl and +4915550001234\n',
        file('c.test.ts'),
        'generated s3cr3t-generated-value\n',
      ].join(''),
      [{ kind: 'secret', value: 's3cr3t-generated-value' }],
    );
    expect(leaks).toEqual(
      expect.arrayContaining([
        'a secret in the output of /repo/test/a.test.ts (line 3 of its output)',
        'a password in the output of /repo/test/b.test.ts (line 2 of its output)',
        'an OTP code in the output of /repo/test/b.test.ts (line 2 of its output)',
        'a bearer token in the output of /repo/test/b.test.ts (line 3 of its output)',
        'a phone number in the output of /repo/test/b.test.ts (line 3 of its output)',
        'a secret in the output of /repo/test/c.test.ts (line 2 of its output)',
      ]),
    );
    expect(leaks.join('\n')).not.toContain('Winter-Lake-42');
  });

  it('passes masked values, and digits that only contain a code inside a longer number', () => {
    expect(scan(`${file('d.test.ts')}{"to":"+49*********34","timeEpoch":17634829131234,"authorization":"[REDACTED]"}\n`)).toEqual([]);
  });
});
