/**
 * One definition of how a function is bundled, used by the stack (NodejsFunction) and by
 * `npm run build` and the benchmarks (esbuild directly), so what is measured is what ships.
 */
import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ServiceConfig } from '../lambdas/shared/config/service-config';
import { functionConfigOf } from './stage-config';

/** ESM output still meets CommonJS dependencies that call require() for Node built-ins. */
const REQUIRE_SHIM = "import{createRequire}from'module';const require=createRequire(import.meta.url);";

export const nodeTargetOf = (runtime: ServiceConfig['deployment']['runtime']): string => (runtime === 'nodejs24.x' ? 'node24' : 'node22');

/** The configuration is baked in as a literal: validated at synth, not changeable by editing an environment variable. */
export const definesFor = (config: ServiceConfig): Record<string, string> => ({
  'process.env.OKTA_HOOKS_CONFIG': JSON.stringify(JSON.stringify(functionConfigOf(config))),
});

export const cdkBundlingFor = (config: ServiceConfig): BundlingOptions => ({
  format: OutputFormat.ESM,
  target: nodeTargetOf(config.deployment.runtime),
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Bundled and tree-shaken: only the SDK code a function uses is loaded at cold start.
  bundleAwsSDK: true,
  banner: REQUIRE_SHIM,
  define: definesFor(config),
});

export const esbuildOptionsFor = (entry: string, outfile: string, config: ServiceConfig): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: nodeTargetOf(config.deployment.runtime),
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  banner: { js: REQUIRE_SHIM },
  define: definesFor(config),
  logLevel: 'warning',
  metafile: true,
});
