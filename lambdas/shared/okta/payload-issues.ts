/**
 * Turns zod issues into Okta-style error causes: a JSON location such as
 * `data.userProfile.email` and a reason a person can act on. zod/mini ships no messages
 * (only "Invalid input"), so the reasons are written here from the issue codes.
 */
import type { core } from 'zod/mini';

export interface PayloadIssue {
  /** Dotted JSON path into the request body, e.g. `data.context.credential.password`. */
  location: string;
  reason: string;
}

export const formatLocation = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((location, key) => {
    if (typeof key === 'number') return `${location}[${key}]`;
    const name = String(key);
    return location === '' ? name : `${location}.${name}`;
  }, '');

const describeIssue = (issue: core.$ZodIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'record' ? 'expected an object' : `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? 'must not be empty'
        : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_union': {
      const expected = issue.errors
        .flat()
        .filter((inner) => inner.path.length === 0 && inner.code === 'invalid_type')
        .map((inner) => (inner.code === 'invalid_type' ? inner.expected : ''));
      return expected.length > 0 ? `expected ${expected.join(' or ')}` : 'does not match any accepted form';
    }
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'custom':
      return issue.message;
    default:
      return issue.message === 'Invalid input' ? `invalid (${issue.code})` : issue.message;
  }
};

export const describePayloadIssues = (issues: readonly core.$ZodIssue[], limit = 10): PayloadIssue[] =>
  issues.slice(0, limit).map((issue) => ({
    location: formatLocation(issue.path) || '(body)',
    reason: describeIssue(issue),
  }));
