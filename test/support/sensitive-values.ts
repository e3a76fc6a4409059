/**
 * What no log may ever hold, as the suite uses it: the secrets tests authenticate with, and
 * every password, OTP code and phone number in the fixtures and the tests' own requests;
 * plus patterns for values no test can list in advance (signed JWTs, full E.164 numbers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDirectory } from './fixtures';
import type { SensitiveKind } from './suite-log';
import { TEST_SECRET } from './test-secret';

export interface SensitiveValue {
  kind: SensitiveKind;
  value: string;
}

/** Values the tests write literally into requests (see the test files that use them). */
const literalValues: SensitiveValue[] = [
  { kind: 'secret', value: TEST_SECRET },
  { kind: 'secret', value: TEST_SECRET.replace(/^Basic /, '') },
  { kind: 'secret', value: Buffer.from(TEST_SECRET.replace(/^Basic /, ''), 'base64').toString('utf8').split(':')[1] ?? '' },
  { kind: 'password', value: 'Winter-Lake-42' },
  { kind: 'password', value: 'winter-lake-42' },
  { kind: 'phone number', value: '+15555550100' },
  { kind: 'phone number', value: '+15555550123' },
  { kind: 'phone number', value: '+15555550124' },
];

const valuesAt = (node: unknown, key: string): string[] => {
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, key));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([name, value]) =>
    name === key && typeof value === 'string' ? [value] : valuesAt(value, key),
  );
};

/** Passwords, OTP codes and phone numbers in every fixture Okta-shaped request. */
const fixtureValues = (): SensitiveValue[] =>
  readdirSync(fixturesDirectory)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      const document = JSON.parse(readFileSync(path.join(fixturesDirectory, name), 'utf8')) as unknown;
      return [
        ...valuesAt(document, 'password').map((value): SensitiveValue => ({ kind: 'password', value })),
        ...valuesAt(document, 'otpCode').map((value): SensitiveValue => ({ kind: 'OTP code', value })),
        ...valuesAt(document, 'phoneNumber').flatMap((value): SensitiveValue[] => [
          { kind: 'phone number', value },
          // The same number without its plus or without its country code.
          { kind: 'phone number', value: value.replace(/^\+/, '') },
          { kind: 'phone number', value: value.replace(/^\+(1|49)/, '') },
        ]),
      ];
    });

export const knownSensitiveValues = (): SensitiveValue[] => [...literalValues, ...fixtureValues()].filter(({ value }) => value.length >= 6);

export const sensitivePatterns: { kind: SensitiveKind; pattern: RegExp }[] = [
  // A signed JWT: header and payload are base64url JSON objects.
  { kind: 'bearer token', pattern: /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*/ },
  // A whole E.164 number; masked numbers keep only the country prefix and the last two digits.
  { kind: 'phone number', pattern: /\+[1-9]\d{9,14}(?!\d)/ },
];

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A digits-only value matches only as a whole number, not inside a timestamp or an id. */
export const patternFor = (value: string): RegExp => (/^\d+$/.test(value) ? new RegExp(`(?<!\\d)${value}(?!\\d)`) : new RegExp(escape(value)));
