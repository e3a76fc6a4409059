/**
 * Load and leaks: a mixed-hook autocannon run of 20,000 requests against the local service
 * (the deployed handlers behind the API Gateway bridge, with the event queue and consumer),
 * in this process so its heap can be measured. Zero errors, every answer a 200 or 204, every
 * SMS sent exactly once, and the heap after the run within 20% of the heap after warm-up.
 * Latency is not asserted here: `npm run bench` reports it.
 */
import { HTTP_LOAD_SECRET } from '../../tools/bench/http-load';
import { loadPhase, startLoadService, type LoadService } from '../../tools/load/load-run';
import { captureOutput, type CapturedOutput } from '../support/output-capture';
import { registerSensitive } from '../support/suite-log';

const WARMUP_REQUESTS = 3000;
const MEASURED_REQUESTS = 20_000;
const CONNECTIONS = 10;

registerSensitive('secret', HTTP_LOAD_SECRET);

let load: LoadService;
let output: CapturedOutput;

beforeAll(async () => {
  // The outbox announces every SMS on stdout: kept from the terminal and from memory, not from the log scan.
  output = captureOutput({ retain: false });
  load = await startLoadService();
}, 30_000);

afterAll(async () => {
  await load.stop();
  output.restore();
});

describe('the local service under mixed-hook load', () => {
  it('answers 20,000 mixed requests without one error, and its heap does not grow', async () => {
    const warmup = await loadPhase(load, { connections: CONNECTIONS, amount: WARMUP_REQUESTS });
    expect(warmup.errors + warmup.timeouts + warmup.non2xx).toBe(0);
    const smsBefore = load.outboxMessages();

    const measured = await loadPhase(load, { connections: CONNECTIONS, amount: MEASURED_REQUESTS });
    expect(measured.requests).toBeGreaterThanOrEqual(MEASURED_REQUESTS);
    expect({ errors: measured.errors, timeouts: measured.timeouts, non2xx: measured.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(Object.keys(measured.statusCodes).sort()).toEqual(['200', '204'].filter((status) => status in measured.statusCodes));

    // One telephony call in six, each with a fresh eventId: one message each, none twice.
    const sms = load.outboxMessages() - smsBefore;
    expect(sms).toBeGreaterThanOrEqual(Math.floor(MEASURED_REQUESTS / 6) - CONNECTIONS);
    expect(sms).toBeLessThanOrEqual(Math.ceil(MEASURED_REQUESTS / 6) + CONNECTIONS);

    const growth = measured.heapUsedBytes / warmup.heapUsedBytes;
    console.log(
      `load: ${measured.requests} requests at ${Math.round(measured.requestsPerSecond)} req/s; heap ${(warmup.heapUsedBytes / 2 ** 20).toFixed(1)} MB after warm-up, ${(measured.heapUsedBytes / 2 ** 20).toFixed(1)} MB after the run (x${growth.toFixed(3)})`,
    );
    expect(growth).toBeLessThanOrEqual(1.2);
  }, 180_000);
});
