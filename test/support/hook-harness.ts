/**
 * Calls a hook's real handler with an API Gateway event built from a request body, and
 * checks every answer with the contract checker before the test looks at it.
 */
import { checkAnswer } from '../../lambdas/shared/okta/checker';
import type { InlineHookName } from '../../lambdas/shared/okta/hook-types';
import { inlineRequestSchemaOf } from '../../lambdas/shared/okta/requests';
import type { HttpEvent, HttpResult } from '../../lambdas/shared/runtime/http';
import { cloneJson, loadFixture } from './fixtures';
import { httpEvent, type lambdaContext } from './http-events';
import { invoke, type Answer } from './test-handler';
import { authHeaders } from './test-runtime';

type Handler = (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<HttpResult>;

export const callHook = async (hook: InlineHookName, handler: Handler, body: unknown): Promise<Answer> => {
  const answer = await invoke(handler, httpEvent({ body: body as object, headers: authHeaders, path: `/hooks/${hook}` }));
  const verdict = checkAnswer(hook, inlineRequestSchemaOf[hook].parse(body), {
    status: answer.status,
    body: answer.body,
    bodyText: answer.text,
  });
  if (!verdict.accepted) throw new Error(`the ${hook} answer breaks the contract:\n${verdict.violations.join('\n')}`);
  return answer;
};

/** A fixture to change freely in one test. */
export const fixture = <T = Record<string, unknown>>(name: string): T => cloneJson(loadFixture(name)) as T;

/** The commands of a 200 answer (without debugContext), for compact assertions. */
export const commandsOf = (answer: Answer): unknown => (answer.body as { commands?: unknown } | undefined)?.commands;
export const errorOf = (answer: Answer): unknown => (answer.body as { error?: unknown } | undefined)?.error;
