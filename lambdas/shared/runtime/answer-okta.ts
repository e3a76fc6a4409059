/**
 * The handler every inline hook shares: parse the Okta request, run the hook's pure decision
 * within the deadline, apply the fail policy when it cannot finish, add `debugContext`, and
 * send nothing the contract checker rejects.
 */
import { checkAnswer } from '../okta/checker';
import type { InlineHookName } from '../okta/hook-types';
import type { InlineHookRequestOf } from '../okta/requests';
import type { CommandOf, HookAnswer, HookResponseBody } from '../okta/responses';
import { DependencyFailure, loggableError } from '../stores/dependency-failure';
import { DeadlineExceeded } from './deadline';
import { failPolicyAnswer } from './fail-policy';
import { emptyResult, jsonResult, type HttpEvent, type HttpResult } from './http';
import type { InlineHookRuntime } from './inline-hook-runtime';
import { httpRequestOf, invocationOf, type Invocation } from './invocation';
import { HookMetric } from './observability';
import { parseInlineHookRequest } from './request-parser';

/** What a hook's logic gets besides the request. */
export interface DecisionContext {
  /** Aborted when the deadline passes: pass it to every I/O call. */
  readonly signal: AbortSignal;
  remainingMs(): number;
  /**
   * Records a fact about this call (`lookup: "miss"`) for the summary log line and for
   * `debugContext`, which Okta shows in its System Log: never personal data or secrets.
   */
  note(key: string, value: string | number | boolean): void;
}

/** A hook's logic: pure apart from the interfaces it was given. */
export type HookDecision<H extends InlineHookName> = (
  request: InlineHookRequestOf[H],
  context: DecisionContext,
) => Promise<HookAnswer<CommandOf[H]>>;

const decisionContext = (invocation: Invocation): DecisionContext => ({
  signal: invocation.deadline.signal,
  remainingMs: () => invocation.deadline.remainingMs(),
  note: (key, value) => {
    invocation.notes[key] = value;
  },
});

interface SerializedAnswer {
  status: 200 | 204;
  bodyText: string;
}

const addDebugContext = <C>(
  answer: HookAnswer<C>,
  runtime: InlineHookRuntime,
  invocation: Invocation,
): HookAnswer<C> => {
  if (answer.status === 204) return answer;
  const { debugContext, ...rest } = answer.body;
  if (!runtime.settings.debugContext) return { status: 200, body: rest };
  const body: HookResponseBody<C> = {
    ...rest,
    debugContext: {
      ...debugContext,
      ...invocation.notes,
      requestId: invocation.http?.requestId ?? 'unknown',
      durationMs: Math.round((performance.now() - invocation.startedAt) * 100) / 100,
    },
  };
  return { status: 200, body };
};

const serialize = <C>(answer: HookAnswer<C>): SerializedAnswer =>
  answer.status === 204 ? { status: 204, bodyText: '' } : { status: 200, bodyText: JSON.stringify(answer.body) };

const toHttpResult = ({ status, bodyText }: SerializedAnswer): HttpResult =>
  status === 204 ? emptyResult() : jsonResult(200, bodyText);

const outcomeOf = <C>(answer: HookAnswer<C>) => {
  if (answer.status === 204) return HookMetric.noChange;
  if (answer.body.error) return HookMetric.refused;
  return answer.body.commands && answer.body.commands.length > 0 ? HookMetric.changed : HookMetric.noChange;
};

/** The fail-policy answer as an HTTP result, for failures before the request was parsed. */
export const failPolicyResult = (runtime: InlineHookRuntime, invocation: Invocation): HttpResult =>
  toHttpResult(serialize(addDebugContext(failPolicyAnswer(runtime.hook, runtime.failPolicy), runtime, invocation)));

const recordFailure = (runtime: InlineHookRuntime, invocation: Invocation, error: unknown): void => {
  if (error instanceof DeadlineExceeded) {
    invocation.events.push(HookMetric.deadlineHit);
    runtime.logger.warn('deadline passed; answering with the fail policy', { failPolicy: runtime.failPolicy });
  } else if (error instanceof DependencyFailure) {
    invocation.events.push(HookMetric.dependencyFailure);
    runtime.logger.warn('dependency failed; answering with the fail policy', {
      failPolicy: runtime.failPolicy,
      failure: loggableError(error),
    });
  } else {
    invocation.events.push(HookMetric.internalError);
    runtime.logger.error('hook logic failed; answering with the fail policy', {
      failPolicy: runtime.failPolicy,
      failure: loggableError(error),
    });
  }
  invocation.events.push(HookMetric.failPolicy);
};

export const answerOkta =
  <H extends InlineHookName>(runtime: InlineHookRuntime<H>, decide: HookDecision<H>) =>
  async (event: HttpEvent): Promise<HttpResult> => {
    const invocation = invocationOf(event);
    const request = parseInlineHookRequest(runtime.hook, httpRequestOf(event));
    runtime.logger.appendKeys({ eventId: request.eventId });

    let answer: HookAnswer<CommandOf[H]>;
    try {
      answer = await invocation.deadline.race(decide(request, decisionContext(invocation)));
      invocation.events.push(outcomeOf(answer));
    } catch (error) {
      recordFailure(runtime, invocation, error);
      answer = failPolicyAnswer(runtime.hook, runtime.failPolicy);
    }

    const serialized = serialize(addDebugContext(answer, runtime, invocation));
    // Check exactly what would be sent: the parsed text, not the object it came from.
    const verdict = checkAnswer(runtime.hook, request, {
      status: serialized.status,
      body: serialized.bodyText === '' ? undefined : (JSON.parse(serialized.bodyText) as unknown),
      bodyText: serialized.bodyText,
    });
    if (verdict.accepted) return toHttpResult(serialized);

    invocation.events.push(HookMetric.contractRejection, HookMetric.failPolicy);
    runtime.logger.error('answer broke the Okta contract and was not sent; answering with the fail policy', {
      violations: verdict.violations,
      failPolicy: runtime.failPolicy,
    });
    return failPolicyResult(runtime, invocation);
  };
