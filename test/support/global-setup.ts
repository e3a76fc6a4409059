/**
 * Starts one in-memory dynalite (a real DynamoDB API server) for the whole suite. Workers
 * inherit its endpoint through DYNAMODB_ENDPOINT; every test file creates its own table.
 * Also makes the directory where the suite's output is collected for the log scan.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dynalite from 'dynalite';
import { SUITE_LOG_DIRECTORY } from './suite-log';

declare global {
  var oktaHooksDynalite: Server | undefined;
}

export default async function globalSetup(): Promise<void> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  globalThis.oktaHooksDynalite = server;
  // Every worker and child process appends its output here; the teardown scans it for secrets.
  process.env[SUITE_LOG_DIRECTORY] = mkdtempSync(path.join(tmpdir(), 'okta-hooks-suite-logs-'));
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
