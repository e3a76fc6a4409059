/**
 * A dependency (the table, a secret store, an SMS provider) failed or answered nonsense.
 * The runtime answers such a call with the hook's fail policy. Messages name the dependency
 * and the operation, never the data involved.
 */
export class DependencyFailure extends Error {
  constructor(
    readonly dependency: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${dependency}: ${message}`, options);
    this.name = 'DependencyFailure';
  }
}

/** The name of an error, for logs, without its message (which may quote data). */
export const errorName = (error: unknown): string =>
  error instanceof Error ? error.name : typeof error === 'string' ? 'string' : typeof error;

const stackFrames = (error: Error): string[] =>
  (error.stack ?? '')
    .split('\n')
    .slice(1)
    .map((frame) => frame.trim())
    .filter((frame) => frame.startsWith('at '))
    .slice(0, 8);

/**
 * What may be logged about an error. Our DependencyFailure messages name only the dependency
 * and the operation; any other message may quote request data (JSON.parse quotes its input,
 * a bug may interpolate a password), so only the name and the stack frames are kept.
 */
export const loggableError = (error: unknown): Record<string, unknown> => {
  if (error instanceof DependencyFailure) {
    const cause = error.cause;
    return {
      name: error.name,
      message: error.message,
      ...(cause === undefined ? {} : { cause: errorName(cause) }),
      ...(typeof cause === 'object' && cause !== null && '$metadata' in cause
        ? { httpStatusCode: (cause.$metadata as { httpStatusCode?: number }).httpStatusCode }
        : {}),
    };
  }
  if (error instanceof Error) return { name: error.name, stack: stackFrames(error) };
  return { name: errorName(error) };
};
