/**
 * Sends a hook request the way Okta does (contract §1.5): JSON headers and the auth header,
 * a 3 s timeout, no redirects followed, and at most one retry after a timeout, a network
 * failure or a 5xx, and only for hook types Okta retries.
 */
import { OKTA_TIMEOUT_MS } from '../../lambdas/shared/okta/hook-types';

export interface Attempt {
  status?: number;
  bodyText: string;
  contentType?: string;
  latencyMs: number;
  timedOut: boolean;
  networkError?: string;
}

export interface OktaCall {
  attempts: Attempt[];
  /** The attempt Okta acts on: the last one. */
  final: Attempt;
}

export interface SendOptions {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
  retryOnce: boolean;
  timeoutMs?: number;
}

const attempt = async (url: string, options: SendOptions): Promise<Attempt> => {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: options.method ?? 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'Okta Hooks Simulator', ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? OKTA_TIMEOUT_MS),
    });
    const bodyText = await response.text();
    const contentType = response.headers.get('content-type');
    return {
      status: response.status,
      bodyText,
      ...(contentType ? { contentType } : {}),
      latencyMs: performance.now() - started,
      timedOut: false,
    };
  } catch (error) {
    // fetch's errors may come from another realm (test runners): read them by shape.
    const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown } };
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return {
      bodyText: '',
      latencyMs: performance.now() - started,
      timedOut,
      ...(timedOut ? {} : { networkError: String(cause?.message ?? message ?? error) }),
    };
  }
};

const worthRetrying = (result: Attempt) => result.timedOut || result.networkError !== undefined || (result.status ?? 0) >= 500;

export const sendLikeOkta = async (url: string, options: SendOptions): Promise<OktaCall> => {
  const first = await attempt(url, options);
  if (!options.retryOnce || !worthRetrying(first)) return { attempts: [first], final: first };
  const second = await attempt(url, options);
  return { attempts: [first, second], final: second };
};
