/**
 * npm run build [-- --stage <name>]: typecheck-free bundling of every function exactly as
 * the stack bundles it, into dist/<stage>/<function>/index.mjs, with each bundle's size.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ConfigError } from '../lambdas/shared/config/service-config';
import { esbuildOptionsFor } from '../lib/bundling';
import { functionKeysOf } from '../lib/function-settings';
import { loadStageConfig } from '../lib/stage-config';

const { values } = parseArgs({ options: { stage: { type: 'string', default: 'dev' } } });

const main = async () => {
  const config = loadStageConfig(values.stage);
  const root = path.join(__dirname, '..');
  for (const functionKey of functionKeysOf(config)) {
    const directory = path.join(root, 'dist', values.stage, functionKey);
    mkdirSync(directory, { recursive: true });
    const outfile = path.join(directory, 'index.mjs');
    const result = await build(esbuildOptionsFor(path.join(root, 'lambdas', functionKey, 'handler.ts'), outfile, config));
    const bytes = result.metafile?.outputs[path.relative(process.cwd(), outfile)]?.bytes ?? 0;
    console.log(`${functionKey.padEnd(16)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  ${path.relative(root, outfile)}`);
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
