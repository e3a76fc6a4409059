/**
 * npm run bench [-- --only bundles,cold,warm,password,http] [--runs 15] [--iterations 3000]
 *                  [--duration 10] [--connections 20] [--stage prod] [--out file] [--compare file]
 *
 * Prints the results as tables with the targets, and writes them as JSON so two runs compare.
 */
import '../tools/shared/sdk-node-notice';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundles, repositoryRoot, type BuiltBundle } from '../tools/bench/bundles';
import { measureColdInit, type ColdInitResult } from '../tools/bench/cold-init';
import { runHttpLoad, startLocalServer, type HttpLoadResult } from '../tools/bench/http-load';
import { measureBcrypt } from '../tools/bench/password';
import { measureWarm, type WarmResult } from '../tools/bench/warm';
import { loadStageConfig } from '../lib/stage-config';

process.env.AWS_REGION ??= 'local';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'bundles,cold,warm,password,http' },
    runs: { type: 'string', default: '15' },
    iterations: { type: 'string', default: '3000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    stage: { type: 'string', default: 'prod' },
    out: { type: 'string' },
    compare: { type: 'string' },
  },
});
const parts = new Set(values.only.split(','));

interface BenchReport {
  date: string;
  machine: { node: string; platform: string; cpus: string; cores: number; memoryGb: number };
  stage: string;
  bundles?: (Omit<BuiltBundle, 'file'> & { deltaToFloorKb: number; ratioToFloor: number })[];
  coldInit?: ColdInitResult[];
  warm?: WarmResult[];
  bcrypt?: Awaited<ReturnType<typeof measureBcrypt>>;
  http?: HttpLoadResult & { connections: number; durationSeconds: number };
  targets: { target: string; value: string; met: boolean }[];
}

const kb = (bytes: number) => bytes / 1024;
const ms = (value: number) => `${value.toFixed(value < 10 ? 3 : 1)} ms`;

const table = (title: string, headers: string[], rows: (string | number)[][]) => {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  console.log(`\n${title}`);
  for (const [index, row] of cells.entries()) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
};

const main = async () => {
  const config = loadStageConfig(values.stage);
  const cpus = os.cpus();
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    stage: values.stage,
    targets: [],
  };
  const target = (name: string, value: string, met: boolean) => report.targets.push({ target: name, value, met });

  let bundles: BuiltBundle[] = [];
  if (parts.has('bundles') || parts.has('cold')) {
    bundles = await buildBundles(config, path.join(repositoryRoot, '.bench', 'bundles'));
    const floor = bundles.find((bundle) => bundle.kind === 'floor');
    report.bundles = bundles.map(({ file: _file, ...bundle }) => ({
      ...bundle,
      deltaToFloorKb: kb(bundle.bytes - (floor?.bytes ?? 0)),
      ratioToFloor: bundle.bytes / (floor?.bytes ?? 1),
    }));
    table(
      `Bundles (${values.stage} configuration, esbuild settings of the stack)`,
      ['bundle', 'KB', 'vs floor KB', 'ratio'],
      report.bundles.map((bundle) => [bundle.name, kb(bundle.bytes).toFixed(1), bundle.deltaToFloorKb.toFixed(1), bundle.ratioToFloor.toFixed(2)]),
    );
    const largest = Math.max(...report.bundles.filter((bundle) => bundle.kind === 'function').map((bundle) => bundle.deltaToFloorKb));
    target('every bundle at most 100 KB larger than the floor', `largest +${largest.toFixed(1)} KB`, largest <= 100);
  }

  if (parts.has('cold')) {
    const runs = Math.max(15, Number(values.runs));
    report.coldInit = await measureColdInit(bundles, runs);
    table(
      `Cold init: import time in a fresh Node ${process.version} process, median of ${runs} runs, side by side`,
      ['bundle', 'median', 'min', 'vs floor'],
      report.coldInit.map((result) => [result.name, ms(result.medianMs), ms(result.minMs), result.ratioToFloor.toFixed(2)]),
    );
    const worst = Math.max(...report.coldInit.filter((result) => bundles.find((bundle) => bundle.name === result.name)?.kind === 'function').map((result) => result.ratioToFloor));
    target('cold init of every function at most 1.2x the floor', `worst ${worst.toFixed(2)}x`, worst <= 1.2);
    target('cold init of every function under the floor', `worst ${worst.toFixed(2)}x`, worst < 1);
  }

  if (parts.has('warm')) {
    report.warm = await measureWarm({ iterations: Number(values.iterations) });
    table(
      `Warm invocations in process (${values.iterations} each after warm-up), lookup from dynalite or from the cache`,
      ['handler', 'path', 'calls/s', 'p50', 'p99', 'p99.9'],
      report.warm.map((result) => [result.subject, result.path, Math.round(result.opsPerSecond), ms(result.p50), ms(result.p99), ms(result.p999)]),
    );
    const cached = report.warm.filter((result) => result.path === 'cache' && result.subject !== 'baseline-token');
    const worst = cached.reduce((max, result) => (result.p99 > max.p99 ? result : max));
    target('warm p99 under 2 ms per hook on the cache-hit path', `worst ${worst.subject} ${ms(worst.p99)}`, worst.p99 < 2);
    for (const path of ['cache', 'dynamodb'] as const) {
      const token = report.warm.find((result) => result.subject === 'token' && result.path === path);
      const baseline = report.warm.find((result) => result.subject === 'baseline-token' && result.path === path);
      if (token && baseline) {
        const added = token.p99 - baseline.p99;
        target(`runtime adds under 0.5 ms at p99 over the baseline (${path} path)`, `+${ms(added)}`, added < 0.5);
      }
    }
  }

  if (parts.has('password')) {
    report.bcrypt = await measureBcrypt(20);
    table('Password import: bcrypt cost 10, one verification', ['runs', 'p50', 'p99', 'max'], [[report.bcrypt.samples, ms(report.bcrypt.p50), ms(report.bcrypt.p99), ms(report.bcrypt.max)]]);
    target('bcrypt cost 10 under 150 ms per verification', `max ${ms(report.bcrypt.max)}`, report.bcrypt.max < 150);
  }

  if (parts.has('http')) {
    const server = await startLocalServer();
    try {
      const connections = Number(values.connections);
      const durationSeconds = Number(values.duration);
      const result = await runHttpLoad(server.url, { connections, durationSeconds });
      report.http = { ...result, connections, durationSeconds };
      table(
        `HTTP load: autocannon, ${connections} connections for ${durationSeconds} s, mixed hooks against the local service`,
        ['requests', 'req/s', 'p50', 'p99', 'errors', 'timeouts', 'non-2xx'],
        [[result.requests, Math.round(result.requestsPerSecond), `${result.p50} ms`, `${result.p99} ms`, result.errors, result.timeouts, result.non2xx]],
      );
      target('zero errors under HTTP load', `${result.errors + result.timeouts + result.non2xx} errors`, result.errors + result.timeouts + result.non2xx === 0);
    } finally {
      await server.stop();
    }
  }

  table('Targets', ['target', 'measured', 'met'], report.targets.map((entry) => [entry.target, entry.value, entry.met ? 'yes' : 'NO']));

  const out = values.out ?? path.join(repositoryRoot, 'bench-results', `${report.date.replaceAll(':', '-')}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);

  if (values.compare) {
    const previous = JSON.parse(readFileSync(values.compare, 'utf8')) as BenchReport;
    const rows: string[][] = [];
    for (const result of report.coldInit ?? []) {
      const before = previous.coldInit?.find((entry) => entry.name === result.name);
      if (before) rows.push([`cold ${result.name}`, ms(before.medianMs), ms(result.medianMs)]);
    }
    for (const result of report.warm ?? []) {
      const before = previous.warm?.find((entry) => entry.subject === result.subject && entry.path === result.path);
      if (before) rows.push([`warm p99 ${result.subject} (${result.path})`, ms(before.p99), ms(result.p99)]);
    }
    for (const bundle of report.bundles ?? []) {
      const before = previous.bundles?.find((entry) => entry.name === bundle.name);
      if (before) rows.push([`bundle ${bundle.name}`, `${kb(before.bytes).toFixed(1)} KB`, `${kb(bundle.bytes).toFixed(1)} KB`]);
    }
    table(`Compared with ${values.compare}`, ['measure', 'before', 'now'], rows);
  }
};

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
