/**
 * Builds every function bundle exactly as the stack does, plus the floor and the hand-written
 * baseline with the same esbuild settings, and reports their sizes against the floor.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { ServiceConfig } from '../../lambdas/shared/config/service-config';
import { esbuildOptionsFor } from '../../lib/bundling';
import { functionKeysOf } from '../../lib/function-settings';

export const repositoryRoot = path.join(__dirname, '..', '..');

export interface BuiltBundle {
  name: string;
  file: string;
  bytes: number;
  kind: 'floor' | 'reference' | 'function';
}

/**
 * `floor` is the document client as the SDK ships it, bundled with the stack's esbuild
 * settings: the reference every target is measured against. `floor-trimmed` is the same with
 * this project's SDK trimming (the credential chain a Lambda never uses left out), to show
 * what the trimming alone is worth. `baseline-token` is the hand-written hook, trimmed too.
 */
const references: Record<string, { entry: string; trimSdk: boolean }> = {
  floor: { entry: 'floor', trimSdk: false },
  'floor-trimmed': { entry: 'floor', trimSdk: true },
  'baseline-token': { entry: 'baseline-token', trimSdk: true },
};

export const buildBundles = async (config: ServiceConfig, directory: string): Promise<BuiltBundle[]> => {
  mkdirSync(directory, { recursive: true });
  const names = [...Object.keys(references), ...functionKeysOf(config)];
  return Promise.all(
    names.map(async (name): Promise<BuiltBundle> => {
      const file = path.join(directory, `${name}.mjs`);
      const reference = references[name];
      const entry = reference ? path.join(repositoryRoot, 'tools/bench/fixtures', `${reference.entry}.ts`) : path.join(repositoryRoot, 'lambdas', name, 'handler.ts');
      const result = await build(esbuildOptionsFor(entry, file, config, { trimSdk: reference?.trimSdk ?? true }));
      const output = Object.entries(result.metafile?.outputs ?? {}).find(([outfile]) => outfile.endsWith(`/${name}.mjs`));
      return { name, file, bytes: output?.[1].bytes ?? 0, kind: name === 'floor' ? 'floor' : reference ? 'reference' : 'function' };
    }),
  );
};
