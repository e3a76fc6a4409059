import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../lambdas/shared/config/service-config';
import { functionConfigOf, loadStageConfig } from '../../lib/stage-config';

const directory = mkdtempSync(path.join(tmpdir(), 'okta-hooks-stages-'));
const stage = (name: string, document: unknown) => {
  writeFileSync(path.join(directory, `${name}.json`), JSON.stringify(document));
  return () => loadStageConfig(name, directory);
};

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe('stage configuration', () => {
  it('loads the shipped dev and prod stages', () => {
    expect(loadStageConfig('dev').deployment.production).toBe(false);
    expect(loadStageConfig('prod').deployment.production).toBe(true);
  });

  it('names a missing stage file', () => {
    expect(problemsOf(() => loadStageConfig('nosuch', directory))).toEqual([expect.stringContaining('no configuration for stage "nosuch"')]);
  });

  it('refuses settings only local mode may use', () => {
    expect(
      problemsOf(stage('local-only', { auth: { mode: 'header', secretSource: 'environment' }, hooks: { telephony: { provider: 'outbox' } } })),
    ).toEqual([
      expect.stringContaining('auth.secretSource: "environment" is for local mode'),
      expect.stringContaining('hooks.telephony.provider: "outbox" is for local mode'),
    ]);
  });

  it('names every bad field', () => {
    expect(
      problemsOf(
        stage('typos', {
          deployment: { memoryMb: 64, logRetentionDays: 10, functions: { tokn: {} }, alarms: { email: 'not-an-address' } },
        }),
      ),
    ).toEqual([
      'deployment.memoryMb: must be at least 128',
      expect.stringContaining('deployment.logRetentionDays: must be one of 1, 3, 5, 7, 14, 30'),
      'deployment.alarms.email: must be a valid email',
    ]);
    expect(problemsOf(stage('unknown-function', { deployment: { functions: { tokn: {} } } }))).toEqual([
      expect.stringContaining('deployment.functions.tokn: not a function of this stack'),
    ]);
  });

  it('needs reserved concurrency above provisioned concurrency', () => {
    expect(
      problemsOf(stage('too-few', { deployment: { production: true, reservedConcurrency: 5, provisionedConcurrency: { min: 2, max: 10 } } })),
    ).toContain('deployment.functions.token: provisioned concurrency up to 10 needs reserved concurrency of at least that (it is 5)');
  });

  it('needs an SSM parameter name when the secret lives in SSM', () => {
    expect(problemsOf(stage('ssm', { auth: { mode: 'header', secretSource: 'ssm' } }))).toEqual([
      'deployment.secretParameterName: required when auth.secretSource is "ssm"',
    ]);
  });

  it('refuses a malformed stage name', () => {
    expect(problemsOf(() => loadStageConfig('../etc'))).toEqual([expect.stringContaining('must be lower-case letters')]);
  });

  it('gives the functions everything but the deployment section', () => {
    const functionConfig = functionConfigOf(loadStageConfig('prod'));
    expect(Object.keys(functionConfig).sort()).toEqual(['auth', 'events', 'hooks', 'network', 'runtime']);
  });
});
