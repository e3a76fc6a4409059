/**
 * Cold init: a fresh Node process imports a bundle and reports how long the import took
 * (module parse and evaluation, clients created at module scope). Bundles are measured side
 * by side, in a new random order every round, so machine noise falls on all of them alike.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { median } from '../shared/statistics';
import type { BuiltBundle } from './bundles';

const run = promisify(execFile);

/** What a deployed function finds in its environment (values are placeholders; nothing is called). */
const lambdaEnvironment = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'okta-hooks-bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  HOOKS_TABLE_NAME: 'okta-hooks-bench-data',
  OKTA_HOOK_SECRET_ID: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:okta-hooks-bench',
  EVENTS_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/okta-hooks-bench-events.fifo',
  POWERTOOLS_METRICS_NAMESPACE: 'OktaHooks/bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const importTime = async (file: string): Promise<number> => {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, ...lambdaEnvironment } });
  return Number(stdout);
};

export interface ColdInitResult {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  ratioToFloor: number;
}

export const measureColdInit = async (bundles: readonly BuiltBundle[], runs: number): Promise<ColdInitResult[]> => {
  const samples = new Map<string, number[]>(bundles.map((bundle) => [bundle.name, []]));
  // One untimed import each warms the file cache, as a reused Lambda host would be.
  for (const bundle of bundles) await importTime(bundle.file);
  for (let round = 0; round < runs; round += 1) {
    const order = [...bundles].sort(() => Math.random() - 0.5);
    for (const bundle of order) samples.get(bundle.name)?.push(await importTime(bundle.file));
  }
  const floorMedian = median(samples.get('floor') ?? []);
  return bundles.map((bundle) => {
    const values = samples.get(bundle.name) ?? [];
    return {
      name: bundle.name,
      runs: values.length,
      medianMs: median(values),
      minMs: Math.min(...values),
      ratioToFloor: floorMedian > 0 ? median(values) / floorMedian : 0,
    };
  });
};
