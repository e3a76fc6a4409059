/**
 * Local mode speaks HTTP on one side and API Gateway HTTP API (payload 2.0) events on the
 * other, so the handlers see exactly the shape they see when deployed.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../lambdas/shared/runtime/http';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** API Gateway joins repeated headers with commas and lower-cases names. */
const headersOf = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headersDistinct)) {
    if (value) headers[name.toLowerCase()] = value.join(',');
  }
  return headers;
};

export interface HttpApiEventParts {
  method: string;
  /** Path and query string. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp?: string;
  protocol?: string;
}

/** An API Gateway HTTP API (payload 2.0) event, as API Gateway builds it. */
export const httpApiEvent = ({ method, url: target, headers, body, sourceIp = '127.0.0.1', protocol = 'HTTP/1.1' }: HttpApiEventParts): HttpEvent => {
  const url = new URL(target, 'http://localhost');
  const upperMethod = method.toUpperCase();
  const routeKey = `${upperMethod} ${url.pathname}`;
  const now = Date.now();
  let text: string | undefined;
  try {
    text = utf8.decode(body);
  } catch {
    text = undefined;
  }
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: upperMethod, path: url.pathname, protocol, sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    // Like API Gateway: text bodies as they are, anything else base64-encoded.
    ...(body.length === 0 ? { isBase64Encoded: false } : text === undefined ? { body: body.toString('base64'), isBase64Encoded: true } : { body: text, isBase64Encoded: false }),
  };
};

export const toHttpApiEvent = (request: IncomingMessage, body: Buffer): HttpEvent =>
  httpApiEvent({
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers: headersOf(request),
    body,
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${request.httpVersion}`,
  });

export const writeHttpResult = (response: ServerResponse, result: HttpResult): void => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  const body = result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) });
  response.end(body);
};

/** A Lambda context like the deployed one's: the function's 3 s timeout counts down. */
export const localLambdaContext = (functionName: string, timeoutMs = 3000): Context => {
  const startedAt = Date.now();
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
