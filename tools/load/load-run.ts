/**
 * The local service under mixed-hook load in this process, so its heap can be measured: the
 * same service as `npm start` (handlers, API Gateway bridge, event queue), with its table in
 * a dynalite process of its own, as a deployed function's table is elsewhere too. (Embedded,
 * dynalite's records, and an iterator it leaks per Query, would count as the service's heap.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HTTP_LOAD_SECRET, runHttpLoad, type HttpLoadResult } from '../bench/http-load';
import { startLocalService, type LocalService } from '../local/local-service';
import { startTableServer } from '../shared/table-server';
import { heapUsedAfterGc } from './heap';

const repositoryRoot = path.join(__dirname, '..', '..');

export interface LoadService {
  service: LocalService;
  /** Messages the telephony hook wrote to the outbox so far. */
  outboxMessages(): number;
  stop(): Promise<void>;
}

export const startLoadService = async (configFile = 'config/local.json'): Promise<LoadService> => {
  const workDirectory = mkdtempSync(path.join(tmpdir(), 'okta-hooks-load-'));
  const outboxFile = path.join(workDirectory, 'outbox.jsonl');
  const table = await startTableServer();
  let service: LocalService;
  try {
    service = await startLocalService({
      port: 0,
      configFile: path.resolve(repositoryRoot, configFile),
      seedFile: path.join(repositoryRoot, 'config/seed/local.jsonl'),
      dynamoDbEndpoint: table.endpoint,
      outboxFile,
      secret: HTTP_LOAD_SECRET,
    });
  } catch (error) {
    table.stop();
    throw error;
  }
  return {
    service,
    outboxMessages: () => {
      try {
        return readFileSync(outboxFile, 'utf8').split('\n').filter(Boolean).length;
      } catch {
        return 0;
      }
    },
    stop: async () => {
      await service.stop();
      table.stop();
      rmSync(workDirectory, { recursive: true, force: true });
    },
  };
};

export interface LoadPhase extends HttpLoadResult {
  heapUsedBytes: number;
}

/** One autocannon run of `amount` mixed requests, then the heap after the queue drained and GC. */
export const loadPhase = async (load: LoadService, options: { connections: number; amount?: number; durationSeconds?: number }): Promise<LoadPhase> => {
  const result = await runHttpLoad(load.service.url, options);
  await load.service.drainEvents();
  return { ...result, heapUsedBytes: await heapUsedAfterGc() };
};
