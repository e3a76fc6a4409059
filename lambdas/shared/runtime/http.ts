/**
 * The HTTP edge: API Gateway HTTP API (payload 2.0) events in, structured results out.
 * Lambda function URLs deliver the same event shape.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { OktaError, OktaErrorCause } from '../okta/responses';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpRequest {
  method: string;
  path: string;
  /** Header names lower-cased; API Gateway already joins repeated headers with commas. */
  headers: Readonly<Record<string, string>>;
  bodyText: string;
  /** API Gateway's request id, also returned to Okta in `debugContext`. */
  requestId: string;
  /** When API Gateway received the call (ms since epoch), if it said. */
  receivedAtEpochMs?: number;
  /** The caller's address as API Gateway saw it. */
  sourceIp?: string;
}

/** A request we refuse before any hook logic runs: answered with its status and an Okta error object. */
export class HttpProblem extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 405 | 413,
    readonly summary: string,
    readonly causes: OktaErrorCause[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(summary);
    this.name = 'HttpProblem';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const lowerCaseHeaders = (headers: HttpEvent['headers'] | undefined): Record<string, string> => {
  const lowered: Record<string, string> = {};
  if (!headers) return lowered;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    // Clients other than API Gateway (tests, local mode) may repeat a name in two cases.
    lowered[key] = key in lowered ? `${lowered[key]},${value}` : value;
  }
  return lowered;
};

const bodyTooLarge = (limit: number) =>
  new HttpProblem(413, `The request body is larger than ${limit} bytes.`, [
    { errorSummary: 'Request body too large', reason: 'PAYLOAD_TOO_LARGE', locationType: 'body', location: '(body)' },
  ]);

const decodeBody = (event: HttpEvent, maxBytes: number): string => {
  const raw = event.body ?? '';
  if (!event.isBase64Encoded) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only a string that could be too big is measured.
    if (raw.length * 3 > maxBytes && Buffer.byteLength(raw, 'utf8') > maxBytes) throw bodyTooLarge(maxBytes);
    return raw;
  }
  // base64 expands 3 bytes to 4 characters: reject before decoding what cannot fit.
  if (Math.floor((raw.length * 3) / 4) - 2 > maxBytes) throw bodyTooLarge(maxBytes);
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length > maxBytes) throw bodyTooLarge(maxBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpProblem(400, 'The request body is not valid UTF-8.', [
      { errorSummary: 'Body is not UTF-8', reason: 'INVALID_ENCODING', locationType: 'body', location: '(body)' },
    ]);
  }
};

/** Reads the parts of the event the runtime needs; throws {@link HttpProblem} for oversized or undecodable bodies. */
export const readHttpRequest = (event: HttpEvent, maxBytes: number): HttpRequest => {
  const requestContext = event.requestContext as Partial<HttpEvent['requestContext']> | undefined;
  const timeEpoch = requestContext?.timeEpoch;
  return {
    method: (requestContext?.http?.method ?? 'POST').toUpperCase(),
    path: event.rawPath ?? requestContext?.http?.path ?? '/',
    headers: lowerCaseHeaders(event.headers),
    bodyText: decodeBody(event, maxBytes),
    requestId: requestContext?.requestId ?? 'unknown',
    ...(typeof timeEpoch === 'number' && Number.isFinite(timeEpoch) ? { receivedAtEpochMs: timeEpoch } : {}),
    ...(typeof requestContext?.http?.sourceIp === 'string' ? { sourceIp: requestContext.http.sourceIp } : {}),
  };
};

/** A caller outside `network.allowedSourceCidrs`: refused before anything else is read. */
export const sourceNotAllowed = () => new HttpProblem(403, 'Forbidden');

const baseHeaders = { 'cache-control': 'no-store' } as const;

export const jsonResult = (status: number, bodyText: string, headers: Record<string, string> = {}): HttpResult => ({
  statusCode: status,
  headers: { ...baseHeaders, 'content-type': 'application/json', ...headers },
  body: bodyText,
});

export const emptyResult = (status = 204): HttpResult => ({ statusCode: status, headers: { ...baseHeaders } });

export const problemResult = (problem: HttpProblem): HttpResult => {
  const error: OktaError =
    problem.causes.length > 0 ? { errorSummary: problem.summary, errorCauses: problem.causes } : { errorSummary: problem.summary };
  return jsonResult(problem.status, JSON.stringify({ error }), { ...problem.headers });
};

/** `application/json`, `application/json; charset=utf-8` or any `+json` type; an absent header is taken as JSON. */
export const isJsonContentType = (contentType: string | undefined): boolean => {
  if (contentType === undefined || contentType.trim() === '') return true;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
};
