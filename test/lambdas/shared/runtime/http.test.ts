import { HttpProblem, isJsonContentType, problemResult, readHttpRequest } from '../../../../lambdas/shared/runtime/http';
import { httpEvent } from '../../../support/http-events';

describe('reading API Gateway HTTP API events', () => {
  it('lower-cases header names and keeps the request id and receive time', () => {
    const event = httpEvent({ body: '{}', headers: { 'X-Okta-Secret': 'abc', Authorization: 'Basic x' }, timeEpoch: 1_700_000_000_000 });
    const http = readHttpRequest(event, 1024);
    expect(http.headers['x-okta-secret']).toBe('abc');
    expect(http.headers.authorization).toBe('Basic x');
    expect(http.requestId).toBe(event.requestContext.requestId);
    expect(http.receivedAtEpochMs).toBe(1_700_000_000_000);
    expect(http.method).toBe('POST');
  });

  it('joins a header repeated in two cases', () => {
    const event = httpEvent({ headers: { 'x-a': '1', 'X-A': '2' } });
    expect(readHttpRequest(event, 1024).headers['x-a']).toBe('1,2');
  });

  it('decodes base64 bodies', () => {
    const http = readHttpRequest(httpEvent({ body: '{"é":"🔑"}', base64: true }), 1024);
    expect(http.bodyText).toBe('{"é":"🔑"}');
  });

  it('refuses base64 bodies that are not UTF-8 with a 400', () => {
    const event = { ...httpEvent(), body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64'), isBase64Encoded: true };
    expect(() => readHttpRequest(event, 1024)).toThrow(expect.objectContaining({ status: 400 }) as Error);
  });

  it.each([
    ['plain', false],
    ['base64', true],
  ])('refuses %s bodies over the limit with a 413', (_kind, base64) => {
    expect(() => readHttpRequest(httpEvent({ body: 'x'.repeat(2049), base64 }), 2048)).toThrow(
      expect.objectContaining({ status: 413 }) as Error,
    );
    expect(readHttpRequest(httpEvent({ body: 'x'.repeat(2048), base64 }), 2048).bodyText).toHaveLength(2048);
  });

  it('measures the limit in UTF-8 bytes', () => {
    expect(() => readHttpRequest(httpEvent({ body: 'é'.repeat(1025) }), 2048)).toThrow(HttpProblem);
    expect(readHttpRequest(httpEvent({ body: 'é'.repeat(1024) }), 2048).bodyText).toHaveLength(1024);
  });

  it('treats a missing body as empty', () => {
    expect(readHttpRequest(httpEvent({ method: 'GET' }), 10).bodyText).toBe('');
  });

  it.each([
    [undefined, true],
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/cloudevents+json', true],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
  ])('content type %j is JSON: %s', (contentType, json) => {
    expect(isJsonContentType(contentType)).toBe(json);
  });

  it('answers a problem as an Okta error object', () => {
    const result = problemResult(new HttpProblem(400, 'Bad.', [{ errorSummary: 'x', reason: 'Y', locationType: 'body', location: 'data' }]));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(result.body ?? '')).toEqual({
      error: { errorSummary: 'Bad.', errorCauses: [{ errorSummary: 'x', reason: 'Y', locationType: 'body', location: 'data' }] },
    });
  });
});
