/**
 * The time budget of one call. Okta gives up after 3 s, counted from when it sent the request,
 * so the budget is counted from when API Gateway received it (which includes any cold start),
 * and never runs past the Lambda function's own timeout.
 */

/** Raised (as the abort reason) when the budget is spent. */
export class DeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`deadline of ${budgetMs} ms exceeded`);
    this.name = 'DeadlineExceeded';
  }
}

export interface Deadline {
  /** Aborted with a {@link DeadlineExceeded} when the budget is spent: pass it to every I/O call. */
  readonly signal: AbortSignal;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
  /** Settles like `work`, or rejects with {@link DeadlineExceeded} when the budget runs out first. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Releases the timer; call once the answer is sent. */
  dispose(): void;
}

export interface DeadlineInputs {
  budgetMs: number;
  now?: number;
  /** When API Gateway received the request, per `requestContext.timeEpoch`. */
  receivedAtEpochMs?: number;
  /** `context.getRemainingTimeInMillis()`, when running in Lambda. */
  lambdaRemainingMs?: number;
}

/** Time kept back from the Lambda timeout so the answer still leaves the function. */
const LAMBDA_TIMEOUT_MARGIN_MS = 100;
/** The least time any call is given, even when clocks disagree or a cold start ate the budget. */
const MINIMUM_WINDOW_MS = 50;

export const deadlineWindowMs = ({ budgetMs, now = Date.now(), receivedAtEpochMs, lambdaRemainingMs }: DeadlineInputs) => {
  // API Gateway's clock and ours may differ slightly: a negative age is read as zero.
  const age = receivedAtEpochMs === undefined ? 0 : Math.max(0, now - receivedAtEpochMs);
  let window = budgetMs - age;
  if (lambdaRemainingMs !== undefined) window = Math.min(window, lambdaRemainingMs - LAMBDA_TIMEOUT_MARGIN_MS);
  return Math.max(MINIMUM_WINDOW_MS, Math.min(window, budgetMs));
};

export const startDeadline = (inputs: DeadlineInputs): Deadline => {
  const windowMs = deadlineWindowMs(inputs);
  const expiresAt = performance.now() + windowMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(inputs.budgetMs)), windowMs);
  // An idle timer must not keep a local process or a test alive.
  timer.unref();
  const { signal } = controller;
  return {
    signal,
    remainingMs: () => Math.max(0, expiresAt - performance.now()),
    race: <T>(work: Promise<T>) =>
      signal.aborted
        ? Promise.reject(signal.reason as Error)
        : new Promise<T>((resolve, reject) => {
            const onAbort = () => reject(signal.reason as Error);
            signal.addEventListener('abort', onAbort, { once: true });
            work.then(
              (value) => {
                signal.removeEventListener('abort', onAbort);
                resolve(value);
              },
              (error: unknown) => {
                signal.removeEventListener('abort', onAbort);
                reject(error instanceof Error ? error : new Error(String(error)));
              },
            );
          }),
    dispose: () => clearTimeout(timer),
  };
};
