import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isInlineHookName, type InlineHookName } from '../../lambdas/shared/okta/hook-types';

export const fixturesDirectory = path.join(__dirname, '..', 'fixtures', 'okta');

export const loadFixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(fixturesDirectory, name), 'utf8')) as Record<string, unknown>;

/** Every `*.request.json` fixture, with the hook its file name says it is for. */
export const requestFixtures = (): { name: string; hook: InlineHookName | 'event-hook' }[] =>
  readdirSync(fixturesDirectory)
    .filter((name) => name.endsWith('.request.json'))
    .sort()
    .map((name) => {
      const prefix = name.split('.')[0] ?? '';
      if (prefix === 'event-hook') return { name, hook: 'event-hook' as const };
      if (!isInlineHookName(prefix)) throw new Error(`fixture ${name} does not start with a hook name`);
      return { name, hook: prefix };
    });

/** A deep copy, so a test can change a fixture without touching another test's copy. */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
