/**
 * A fault-injecting HTTP proxy in front of the suite's dynalite. The SDK talks to it exactly
 * as to DynamoDB, so its retries, timeouts and error parsing all run for real; the proxy
 * passes calls through, or answers as a throttled, stalled, broken or garbled DynamoDB would.
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type DynamoFault =
  | 'none'
  /** ProvisionedThroughputExceededException on every call, as a throttled table answers. */
  | 'throttled'
  /** Accepts the call and never answers. */
  | 'stalled'
  /** Closes the connection without an answer. */
  | 'reset'
  /** Answers 200 with a body that is not JSON. */
  | 'garbled'
  /** 500 InternalServerError on every call. */
  | 'server-error';

export interface FaultProxy {
  endpoint: string;
  fault: DynamoFault;
  /** Calls seen since the last reset, by DynamoDB operation (X-Amz-Target). */
  calls: string[];
  close(): Promise<void>;
}

const dynamoError = (response: ServerResponse, status: number, type: string, message: string) => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'FAULTPROXY' });
  response.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }));
};

export const startFaultProxy = async (target: string): Promise<FaultProxy> => {
  const upstream = new URL(target);
  const stalled = new Set<ServerResponse>();
  const state: Pick<FaultProxy, 'fault' | 'calls'> = { fault: 'none', calls: [] };

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.').pop() ?? 'unknown';
    state.calls.push(operation);
    switch (state.fault) {
      case 'throttled':
        incoming.resume();
        dynamoError(response, 400, 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded.');
        return;
      case 'server-error':
        incoming.resume();
        dynamoError(response, 500, 'InternalServerError', 'Internal server error');
        return;
      case 'stalled':
        incoming.resume();
        stalled.add(response);
        return;
      case 'reset':
        incoming.resume();
        incoming.socket.destroy();
        return;
      case 'garbled':
        incoming.resume();
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end('{"Item":{"pk":{"S":"USER#');
        return;
      case 'none': {
        const proxied = forward(
          { host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        proxied.on('error', () => response.destroy());
        incoming.pipe(proxied);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: FaultProxy = {
    endpoint: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    get fault() {
      return state.fault;
    },
    set fault(fault: DynamoFault) {
      state.fault = fault;
      state.calls = [];
    },
    get calls() {
      return state.calls;
    },
    close: async () => {
      for (const response of stalled) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
};

/** A port nothing listens on: connections are refused at once, like an unreachable endpoint. */
export const closedPortEndpoint = async (): Promise<string> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${String(port)}`;
};
