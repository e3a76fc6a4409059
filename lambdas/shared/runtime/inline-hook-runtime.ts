/**
 * Everything the shared middlewares need to run one hook: its settings, the logger and
 * metrics, and how calls are authenticated. One per function, built at module scope.
 */
import type { FailPolicy, RuntimeConfig, ServiceConfig } from '../config/service-config';
import type { InlineHookName } from '../okta/hook-types';
import type { Authenticator } from './auth/authenticator';
import { createObservability, type Observability } from './observability';
import { sourceAllowlistOf, type SourceAllowlist } from './source-allowlist';

export interface InlineHookRuntime<H extends InlineHookName = InlineHookName> extends Observability {
  hook: H;
  settings: RuntimeConfig;
  failPolicy: FailPolicy;
  authenticator: Authenticator;
  /** Absent when any source may call. */
  sourceAllowlist?: SourceAllowlist;
}

export const createInlineHookRuntime = <H extends InlineHookName>(
  hook: H,
  config: ServiceConfig,
  authenticator: Authenticator,
  observability: Observability = createObservability(hook, config.runtime),
): InlineHookRuntime<H> => ({
  hook,
  settings: config.runtime,
  failPolicy: config.hooks[hook].failPolicy,
  authenticator,
  ...optionalAllowlist(config),
  ...observability,
});

const optionalAllowlist = (config: ServiceConfig): { sourceAllowlist?: SourceAllowlist } => {
  const sourceAllowlist = sourceAllowlistOf(config.network);
  return sourceAllowlist ? { sourceAllowlist } : {};
};
