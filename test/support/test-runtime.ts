import { parseServiceConfig, type ServiceConfig, type ServiceConfigInput } from '../../lambdas/shared/config/service-config';
import type { InlineHookName } from '../../lambdas/shared/okta/hook-types';
import { createAuthenticator } from '../../lambdas/shared/runtime/auth/create-authenticator';
import { createInlineHookRuntime, type InlineHookRuntime } from '../../lambdas/shared/runtime/inline-hook-runtime';
import { environmentSecret } from '../../lambdas/shared/stores/secret-sources';

import { TEST_SECRET } from './test-secret';

export { TEST_SECRET };
export const authHeaders = { authorization: TEST_SECRET };

export const testConfig = (overrides: Partial<ServiceConfigInput> = {}): ServiceConfig =>
  parseServiceConfig({ auth: { mode: 'header', secretSource: 'environment' }, ...overrides });

/** A runtime with header auth against {@link TEST_SECRET}, read the way local mode reads it. */
export const testRuntime = <H extends InlineHookName>(hook: H, config: ServiceConfig = testConfig()): InlineHookRuntime<H> =>
  createInlineHookRuntime(
    hook,
    config,
    createAuthenticator(config.auth, () => environmentSecret({ OKTA_HOOK_SECRET: TEST_SECRET })),
  );
