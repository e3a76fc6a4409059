/**
 * Local mode: every route of the deployed API on one port, served by the same handlers as the
 * deployed functions, over an embedded DynamoDB (dynalite) created and seeded like the real
 * table. No AWS account and no network: secrets come from the environment, telephony goes to
 * a local outbox and event hook deliveries to an in-process queue.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import dynalite from 'dynalite';
import { EnvironmentVariable } from '../../lambdas/shared/config/environment';
import { parseServiceConfig, type ServiceConfig } from '../../lambdas/shared/config/service-config';
import { inlineHookNames, type InlineHookName } from '../../lambdas/shared/okta/hook-types';
import type { HttpEvent, HttpResult } from '../../lambdas/shared/runtime/http';
import { MIN_SECRET_LENGTH } from '../../lambdas/shared/runtime/auth/shared-secret';
import { createHookTable } from '../../lambdas/shared/stores/create-table';
import { loadRecords, type LoadReport } from '../data-import/load-records';
import { formatOf, readRecords, type BadRow } from '../data-import/read-records';
import { localLambdaContext, toHttpApiEvent, writeHttpResult } from './api-gateway-bridge';
import { InProcessQueue } from './in-process-queue';

export const DEFAULT_PORT = 3000;
export const LOCAL_TABLE_NAME = 'okta-hooks-local';

export interface LocalServiceOptions {
  port?: number;
  host?: string;
  configFile: string;
  /** Records to load at start (safe to load again into a kept data directory). */
  seedFile?: string;
  /** Keeps the table between runs; in memory when absent. */
  dataDir?: string;
  /**
   * A DynamoDB API to use instead of the embedded one (DynamoDB Local, a dynalite of your
   * own, or a real endpoint): the table is created there if missing.
   */
  dynamoDbEndpoint?: string;
  /** The shared secret; generated when absent. */
  secret?: string;
  outboxFile?: string;
}

export interface LocalRoute {
  methods: string[];
  path: string;
  hook: InlineHookName | 'events';
}

export interface LocalService {
  url: string;
  port: number;
  secret: string;
  secretGenerated: boolean;
  headerName: string;
  config: ServiceConfig;
  routes: LocalRoute[];
  seed?: { file: string; report: LoadReport; rejected: BadRow[] };
  outboxFile: string;
  dataDir?: string;
  /** Where the table lives: the embedded DynamoDB API, or the one given. */
  dynamoDbEndpoint: string;
  dynamoDbEmbedded: boolean;
  /** Resolves when every queued event has been processed. */
  drainEvents(): Promise<void>;
  stop(): Promise<void>;
}

/** A refusal to start that deserves a plain message, not a stack trace. */
export class LocalStartError extends Error {
  override readonly name = 'LocalStartError';
}

type HttpHandler = (event: HttpEvent, context: ReturnType<typeof localLambdaContext>) => Promise<HttpResult>;

/** Local mode always authenticates with a header secret from the environment and sends no SMS. */
const localized = (config: ServiceConfig): ServiceConfig => ({
  ...config,
  auth: {
    mode: 'header',
    headerName: config.auth.mode === 'header' ? config.auth.headerName : 'Authorization',
    secretSource: 'environment',
    secretMaxAgeSeconds: 300,
  },
  hooks: { ...config.hooks, telephony: { ...config.hooks.telephony, provider: 'outbox' } },
});

const loadConfig = async (file: string): Promise<ServiceConfig> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new LocalStartError(`cannot read the configuration file ${file}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new LocalStartError(`${file} is not valid JSON`);
  }
  return localized(parseServiceConfig(document, file));
};

const readBody = (request: IncomingMessage, limit: number): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });

/** API Gateway's HTTP API payload limit. */
const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

const json = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
};

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalStartError(`port ${port} on ${host} is already in use: stop the other process or set PORT (e.g. PORT=3001 npm start)`)
          : error.code === 'EACCES'
            ? new LocalStartError(`not allowed to listen on port ${port}: choose a port above 1023`)
            : error,
      );
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** dynalite in this process: in memory, or LevelDB files under the data directory. */
const startEmbeddedDatabase = async (dataDir: string | undefined): Promise<{ endpoint: string; close(): Promise<void> }> => {
  const dynamoDirectory = dataDir ? path.resolve(dataDir, 'dynamodb') : undefined;
  if (dynamoDirectory) mkdirSync(dynamoDirectory, { recursive: true });
  const database = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dynamoDirectory ? { path: dynamoDirectory } : {}) });
  const port = await listen(database, 0, '127.0.0.1');
  return { endpoint: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => database.close(() => resolve())) };
};

export const startLocalService = async (options: LocalServiceOptions): Promise<LocalService> => {
  const host = options.host ?? '127.0.0.1';
  const config = await loadConfig(options.configFile);
  const headerName = config.auth.mode === 'header' ? config.auth.headerName : 'Authorization';

  const secretGenerated = !options.secret;
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new LocalStartError(`OKTA_HOOK_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  const outboxFile = path.resolve(options.outboxFile ?? path.join(options.dataDir ?? '.local', 'outbox.jsonl'));
  mkdirSync(path.dirname(outboxFile), { recursive: true });

  if (options.dynamoDbEndpoint && options.dataDir) {
    throw new LocalStartError('--data-dir keeps the embedded table; with --dynamodb-endpoint the data lives at that endpoint: choose one');
  }
  if (options.dynamoDbEndpoint && !/^https?:\/\/[^/\s]+/.test(options.dynamoDbEndpoint)) {
    throw new LocalStartError(`--dynamodb-endpoint must be an http(s) URL such as http://127.0.0.1:8000, not "${options.dynamoDbEndpoint}"`);
  }
  const database = options.dynamoDbEndpoint
    ? { endpoint: options.dynamoDbEndpoint, close: () => Promise.resolve() }
    : await startEmbeddedDatabase(options.dataDir);
  const databaseEndpoint = database.endpoint;
  const closeDatabase = () => database.close();

  try {
    // The handlers read these when their modules load, exactly as deployed functions read theirs.
    Object.assign(process.env, {
      [EnvironmentVariable.dynamoDbEndpoint]: databaseEndpoint,
      [EnvironmentVariable.tableName]: LOCAL_TABLE_NAME,
      [EnvironmentVariable.secret]: secret,
      [EnvironmentVariable.outboxFile]: outboxFile,
      AWS_REGION: process.env.AWS_REGION ?? 'local',
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    });
    delete process.env[EnvironmentVariable.previousSecret];

    const { createDocumentClient } = await import('../../lambdas/shared/stores/dynamodb-client');
    const client = createDocumentClient({ endpoint: databaseEndpoint, region: process.env.AWS_REGION ?? 'local' });
    try {
      await createHookTable(client, LOCAL_TABLE_NAME);
    } catch (error) {
      if (!options.dynamoDbEndpoint) throw error;
      throw new LocalStartError(`cannot reach the DynamoDB API at ${options.dynamoDbEndpoint}: ${error instanceof Error ? error.message : String(error)}`);
    }

    let seed: LocalService['seed'];
    if (options.seedFile) {
      const read = readRecords(await readFile(options.seedFile, 'utf8'), formatOf(options.seedFile));
      const report = await loadRecords(read.good.map((row) => row.record), { client, tableName: LOCAL_TABLE_NAME });
      seed = { file: options.seedFile, report, rejected: read.bad };
    }

    const builders: Record<InlineHookName, () => Promise<HttpHandler>> = {
      token: async () => (await import('../../lambdas/token/handler')).deployedTokenHandler(config),
      registration: async () => (await import('../../lambdas/registration/handler')).deployedRegistrationHandler(config),
      saml: async () => (await import('../../lambdas/saml/handler')).deployedSamlHandler(config),
      'password-import': async () => (await import('../../lambdas/password-import/handler')).deployedPasswordImportHandler(config),
      'user-import': async () => (await import('../../lambdas/user-import/handler')).deployedUserImportHandler(config),
      telephony: async () => (await import('../../lambdas/telephony/handler')).deployedTelephonyHandler(config),
    };
    const handlers = new Map<string, { hook: InlineHookName | 'events'; handler: HttpHandler; methods: string[] }>();
    for (const hook of inlineHookNames) {
      if (config.hooks[hook].enabled) handlers.set(`/hooks/${hook}`, { hook, handler: await builders[hook](), methods: ['POST'] });
    }

    const consumer = (await import('../../lambdas/event-consumer/handler')).deployedEventConsumerHandler(config);
    const queue = new InProcessQueue(
      (event: SQSEvent) => consumer(event, localLambdaContext('okta-hooks-local-event-consumer', 60_000)),
      {
        onDeadLetter: (message) =>
          process.stderr.write(`[events] event ${message.deduplicationId} (${message.body.event.eventType}) failed 3 times; dead-lettered\n`),
      },
    );
    if (config.events.enabled) {
      const { createEventHookHandler, eventHookRuntime } = await import('../../lambdas/event-hook/handler');
      handlers.set('/hooks/events', { hook: 'events', handler: createEventHookHandler(eventHookRuntime(config), queue), methods: ['GET', 'POST'] });
    }

    const server = createServer((request, response) => {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      const method = (request.method ?? 'GET').toUpperCase();
      if (pathname === '/health' && method === 'GET') {
        json(response, 200, { status: 'ok', routes: [...handlers.keys()] });
        return;
      }
      const route = handlers.get(pathname);
      // API Gateway answers routes it does not have the same way.
      if (!route || !route.methods.includes(method)) {
        json(response, 404, { message: 'Not Found' });
        return;
      }
      readBody(request, API_GATEWAY_MAX_BODY_BYTES)
        .then(async (body) => {
          if (!body) {
            json(response, 413, { message: 'Request Entity Too Large' });
            return;
          }
          const event = toHttpApiEvent(request, body);
          const result = await route.handler(event, localLambdaContext(`okta-hooks-local-${route.hook}`));
          writeHttpResult(response, result);
        })
        .catch((error: unknown) => {
          // API Gateway answers a crashed integration with 500; the handlers are built never to.
          process.stderr.write(`[local] ${route.hook} handler failed: ${error instanceof Error ? error.name : 'error'}\n`);
          if (!response.headersSent) json(response, 500, { message: 'Internal Server Error' });
        });
    });
    let port: number;
    try {
      port = await listen(server, options.port ?? DEFAULT_PORT, host);
    } catch (error) {
      queue.stop();
      throw error;
    }

    const url = `http://${host}:${port}`;
    return {
      url,
      port,
      secret,
      secretGenerated,
      headerName,
      config,
      routes: [...handlers.entries()].map(([routePath, { hook, methods }]) => ({ methods, path: routePath, hook })),
      ...(seed ? { seed } : {}),
      outboxFile,
      ...(options.dataDir ? { dataDir: path.resolve(options.dataDir) } : {}),
      dynamoDbEndpoint: databaseEndpoint,
      dynamoDbEmbedded: !options.dynamoDbEndpoint,
      drainEvents: () => queue.drain(),
      stop: async () => {
        queue.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await closeDatabase();
      },
    };
  } catch (error) {
    await closeDatabase();
    throw error;
  }
};
