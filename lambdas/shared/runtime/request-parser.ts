/**
 * Reads an Okta inline hook request out of an HTTP request: JSON content type, a JSON object
 * body without prototype-polluting keys, the right hook type for this route, and the
 * schema of that type. Every refusal is a 400 with an Okta error object naming the problem.
 */
import parseJson from 'secure-json-parse';
import type * as z from 'zod/mini';
import type { LazySchema } from '../validation/lazy-schema';
import { eventHookEventType, inlineHookForEventType, type InlineHookName } from '../okta/hook-types';
import { describePayloadIssues } from '../okta/payload-issues';
import { inlineRequestSchemaOf, type InlineHookRequestOf } from '../okta/requests';
import { HttpProblem, isJsonContentType, type HttpRequest } from './http';

const badBody = (summary: string, reason: string, location = '(body)') =>
  new HttpProblem(400, summary, [{ errorSummary: summary, reason, locationType: 'body', location }]);

export const parseJsonBody = (http: HttpRequest): unknown => {
  if (!isJsonContentType(http.headers['content-type'])) {
    throw new HttpProblem(400, 'The request must be JSON (Content-Type: application/json).', [
      {
        errorSummary: 'Unsupported content type',
        reason: 'UNSUPPORTED_CONTENT_TYPE',
        locationType: 'header',
        location: 'content-type',
      },
    ]);
  }
  if (http.bodyText.trim() === '') throw badBody('The request body is empty.', 'EMPTY_BODY');
  try {
    return parseJson(http.bodyText, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    // secure-json-parse throws a SyntaxError for forbidden keys too; tell the two apart.
    const forbidden = error instanceof Error && /prototype/i.test(error.message);
    throw forbidden
      ? badBody('The request body holds a forbidden key (__proto__ or constructor.prototype).', 'FORBIDDEN_KEY')
      : badBody('The request body is not valid JSON.', 'INVALID_JSON');
  }
};

const schemaFor = <H extends InlineHookName>(hook: H): LazySchema<z.ZodMiniType<InlineHookRequestOf[H]>> => inlineRequestSchemaOf[hook];

export const parseInlineHookRequest = <H extends InlineHookName>(hook: H, http: HttpRequest): InlineHookRequestOf[H] => {
  const document = parseJsonBody(http);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw badBody('The request body must be a JSON object.', 'NOT_AN_OBJECT');
  }
  const eventType = (document as { eventType?: unknown }).eventType;
  const sentFor = eventType === eventHookEventType ? 'event' : inlineHookForEventType(eventType);
  if (sentFor !== undefined && sentFor !== hook) {
    throw badBody(
      `This route serves the ${hook} hook; the body is a ${sentFor} hook request (eventType ${String(eventType)}).`,
      'WRONG_HOOK_TYPE',
      'eventType',
    );
  }
  const result = schemaFor(hook).safeParse(document);
  if (!result.success) {
    const issues = describePayloadIssues(result.error.issues);
    throw new HttpProblem(
      400,
      `The ${hook} hook request is not valid: ${issues.map((issue) => `${issue.location} ${issue.reason}`).join('; ')}.`,
      issues.map((issue) => ({
        errorSummary: `${issue.location} ${issue.reason}`,
        reason: 'INVALID_REQUEST',
        locationType: 'body',
        location: issue.location,
      })),
    );
  }
  return result.data;
};
