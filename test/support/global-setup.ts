/**
 * Starts one in-memory dynalite (a real DynamoDB API server) for the whole suite. Workers
 * inherit its endpoint through DYNAMODB_ENDPOINT; every test file creates its own table.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

declare global {
  var oktaHooksDynalite: Server | undefined;
}

export default async function globalSetup(): Promise<void> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  globalThis.oktaHooksDynalite = server;
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
