/**
 * Bundles replace `@aws-sdk/credential-provider-node` with this module (an esbuild alias in
 * lib/bundling.ts). Lambda always hands a function its role's credentials in environment
 * variables, so the rest of the default chain (profiles, SSO, web identity, IMDS, the STS and
 * SSO clients behind them: some 90 KB) is never used there, only parsed at every cold start.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type FromEnvInit = Parameters<typeof fromEnv>[0];

export const defaultProvider = (init?: FromEnvInit) => fromEnv(init);
