/**
 * One definition of how a function is bundled, used by the stack (NodejsFunction) and by
 * `npm run build` and the benchmarks (esbuild directly), so what is measured is what ships.
 */
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ServiceConfig } from '../lambdas/shared/config/service-config';
import { functionConfigOf } from './stage-config';

/** ESM output still meets CommonJS dependencies that call require() for Node built-ins. */
const REQUIRE_SHIM = "import{createRequire}from'module';const require=createRequire(import.meta.url);";

export const nodeTargetOf = (runtime: ServiceConfig['deployment']['runtime']): string => (runtime === 'nodejs24.x' ? 'node24' : 'node22');

const sdkStub = (file: string) => path.join(__dirname, '..', 'lambdas', 'shared', 'aws', file);

/**
 * SDK parts a Lambda function never runs but would parse at every cold start: the credential
 * chain beyond the environment (Lambda gives every function credentials there) and the
 * event-stream codec (no client used here has a streaming operation).
 */
export const bundleAliases = {
  '@aws-sdk/credential-provider-node': sdkStub('lambda-credential-provider.ts'),
  '@smithy/core/event-streams': sdkStub('no-event-streams.ts'),
};

/**
 * The configuration is baked in as a literal: validated at synth, not changeable by editing
 * an environment variable. The choices that decide which adapters a function needs are baked
 * in as constants too, so esbuild leaves the other adapters (and their SDK clients) out.
 */
export const definesFor = (config: ServiceConfig): Record<string, string> => ({
  'process.env.OKTA_HOOKS_CONFIG': JSON.stringify(JSON.stringify(functionConfigOf(config))),
  'process.env.OKTA_HOOKS_CONFIG_VALIDATED': JSON.stringify('true'),
  'process.env.OKTA_HOOKS_AUTH_MODE': JSON.stringify(config.auth.mode),
  'process.env.OKTA_HOOKS_SECRET_SOURCE': JSON.stringify(config.auth.mode === 'header' ? config.auth.secretSource : 'secrets-manager'),
  'process.env.OKTA_HOOKS_TELEPHONY_PROVIDER': JSON.stringify(config.hooks.telephony.provider),
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
  esbuildArgs: Object.fromEntries(Object.entries(bundleAliases).map(([module, target]) => [`--alias:${module}`, target])),
});

/** `trimSdk: false` bundles the SDK as it ships: the benchmark's floor, nothing else. */
export const esbuildOptionsFor = (entry: string, outfile: string, config: ServiceConfig, { trimSdk = true } = {}): BuildOptions => ({
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
  ...(trimSdk ? { alias: bundleAliases } : {}),
  logLevel: 'warning',
  metafile: true,
});
