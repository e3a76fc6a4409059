import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../lambdas/shared/runtime/http';

export interface HttpEventOptions {
  body?: string | object;
  headers?: Record<string, string>;
  method?: string;
  path?: string;
  base64?: boolean;
  /** When API Gateway received the call; defaults to now. */
  timeEpoch?: number;
}

let counter = 0;

/** An API Gateway HTTP API (payload 2.0) event, as API Gateway or a function URL delivers it. */
export const httpEvent = (options: HttpEventOptions = {}): HttpEvent => {
  counter += 1;
  const method = options.method ?? 'POST';
  const path = options.path ?? '/hooks/test';
  const text =
    options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'localapi',
      domainName: 'hooks.example.com',
      domainPrefix: 'hooks',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.24', userAgent: 'Okta Hooks' },
      requestId: `req-${counter}`,
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: options.timeEpoch ?? Date.now(),
    },
    isBase64Encoded: options.base64 ?? false,
    ...(text === undefined ? {} : { body: options.base64 ? Buffer.from(text, 'utf8').toString('base64') : text }),
  };
};

/** A Lambda context with a realistic remaining time. */
export const lambdaContext = (timeoutMs = 3000): Context => {
  const startedAt = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'okta-hooks-test',
    functionVersion: '1',
    invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:okta-hooks-test:live',
    memoryLimitInMB: '1024',
    awsRequestId: `aws-req-${counter}`,
    logGroupName: '/aws/lambda/okta-hooks-test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
