import middy from '@middy/core';
import type { InlineHookName } from '../../lambdas/shared/okta/hook-types';
import { answerOkta, type HookDecision } from '../../lambdas/shared/runtime/answer-okta';
import type { HttpEvent, HttpResult } from '../../lambdas/shared/runtime/http';
import { inlineHookMiddlewares } from '../../lambdas/shared/runtime/inline-hook-middlewares';
import type { InlineHookRuntime } from '../../lambdas/shared/runtime/inline-hook-runtime';
import { lambdaContext } from './http-events';

/** The same wiring as a hook's handler.ts, around a decision written by the test. */
export const runtimeHandler = <H extends InlineHookName>(runtime: InlineHookRuntime<H>, decide: HookDecision<H>) =>
  middy<HttpEvent, HttpResult>().use(inlineHookMiddlewares(runtime)).handler(answerOkta(runtime, decide));

export interface Answer {
  status: number;
  headers: Record<string, string | number | boolean>;
  text: string;
  /** The parsed body; undefined for an empty one. */
  body: unknown;
}

export const invoke = async (
  handler: (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<HttpResult>,
  event: HttpEvent,
): Promise<Answer> => {
  const result = await handler(event, lambdaContext());
  const text = result.body ?? '';
  return {
    status: result.statusCode ?? 0,
    headers: result.headers ?? {},
    text,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
};
