/**
 * npm run soak [-- --minutes 15] [--warmup-minutes 5] [--round-seconds 60] [--connections 10]
 *              [--config config/local.json]
 *
 * The load test, for as long as you like: mixed-hook autocannon rounds against the local
 * service in this process (its table in a dynalite process of its own), the heap measured
 * after every round. Fails (exit 1) on any error, or when the heap after the last round is
 * more than 20% above the heap at the end of the warm-up. The warm-up lasts until every
 * bounded store is full: the longest is the queue's 5-minute deduplication window, as in SQS.
 */
import '../tools/shared/sdk-node-notice';
import { parseArgs } from 'node:util';
import { loadPhase, startLoadService, type LoadPhase } from '../tools/load/load-run';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '15' },
    'warmup-minutes': { type: 'string', default: '5' },
    'round-seconds': { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
    config: { type: 'string', default: 'config/local.json' },
  },
});

const positive = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${text}"`);
  return value;
};

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

const main = async () => {
  const minutes = positive('minutes', values.minutes);
  const roundSeconds = positive('round-seconds', values['round-seconds']);
  const connections = positive('connections', values.connections);
  const warmupMinutes = Number(values['warmup-minutes']);
  if (!Number.isFinite(warmupMinutes) || warmupMinutes < 0 || warmupMinutes >= minutes) {
    throw new Error(`--warmup-minutes must be at least 0 and less than --minutes (${String(minutes)}), not "${values['warmup-minutes']}"`);
  }
  const rounds = Math.max(2, Math.ceil((minutes * 60) / roundSeconds));
  // The round whose end closes the warm-up (1-based): the heap is compared from there on.
  const warmupRounds = Math.min(rounds - 1, Math.max(1, Math.ceil((warmupMinutes * 60) / roundSeconds)));

  // The outbox announces every SMS on stdout; a soak would drown in them.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    String(chunk).startsWith('[outbox]') ? true : write(chunk, ...rest));

  const load = await startLoadService(values.config);
  console.log(
    `soak: ${rounds} rounds of ${roundSeconds} s (the first ${warmupRounds} warm up), ${connections} connections, mixed hooks, against ${load.service.url}`,
  );
  console.log('round  requests   req/s   p99 ms  errors  heap after GC');
  const phases: LoadPhase[] = [];
  let failed = false;
  try {
    for (let round = 1; round <= rounds; round += 1) {
      const phase = await loadPhase(load, { connections, durationSeconds: roundSeconds });
      phases.push(phase);
      const errors = phase.errors + phase.timeouts + phase.non2xx;
      console.log(
        `${String(round).padStart(5)}  ${String(phase.requests).padStart(8)}  ${Math.round(phase.requestsPerSecond).toString().padStart(6)}  ${String(phase.p99).padStart(7)}  ${String(errors).padStart(6)}  ${megabytes(phase.heapUsedBytes).padStart(13)}`,
      );
      if (errors > 0) failed = true;
    }
  } finally {
    await load.stop();
  }
  const warm = phases[warmupRounds - 1];
  const last = phases.at(-1);
  if (warm && last) {
    const growth = last.heapUsedBytes / warm.heapUsedBytes;
    console.log(
      `heap: ${megabytes(warm.heapUsedBytes)} after warm-up (round ${warmupRounds}), ${megabytes(last.heapUsedBytes)} after round ${phases.length} (x${growth.toFixed(3)}; limit x1.200)`,
    );
    if (growth > 1.2) failed = true;
  }
  const total = phases.reduce((sum, phase) => sum + phase.requests, 0);
  const errors = phases.reduce((sum, phase) => sum + phase.errors + phase.timeouts + phase.non2xx, 0);
  console.log(`${failed ? 'FAILED' : 'passed'}: ${total} requests, ${errors} errors`);
  process.exitCode = failed ? 1 : 0;
};

main().catch((error: unknown) => {
  console.error(`soak failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
