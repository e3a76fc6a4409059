/**
 * The simulator: plays Okta against the local service or a deployed URL. Builds the request,
 * sends it as Okta does, checks the answer with the contract checker, and reports what Okta
 * would then do, with latency figures over repeated calls.
 */
import { randomUUID } from 'node:crypto';
import { oktaRetriesHook } from '../../lambdas/shared/okta/hook-types';
import { percentile } from '../shared/statistics';
import { eventHookEffectOf, oktaEffectOf, type OktaEffect } from './okta-effects';
import { sendLikeOkta, type Attempt } from './send-like-okta';
import {
  eventHookDelivery,
  passwordImportRequest,
  registrationRequest,
  samlRequest,
  simulatedUser,
  telephonyRequest,
  tokenRequest,
  userImportRequest,
  type RegistrationVariant,
  type TokenShape,
} from './templates';

export const simulatedHooks = ['token', 'registration', 'saml', 'password-import', 'user-import', 'telephony', 'events', 'events-verify'] as const;
export type SimulatedHook = (typeof simulatedHooks)[number];

export interface SimulationOptions {
  hook: SimulatedHook;
  /** The service's base URL; the hook's route is appended. */
  baseUrl: string;
  /** A full endpoint URL used as it is (a Lambda function URL, a custom path). */
  endpoint?: string;
  headerName: string;
  secret?: string;
  /** For OAuth-mode hooks: sent as `Authorization: Bearer <token>`. */
  bearerToken?: string;
  user: string;
  oktaUserId?: string;
  /** A request body to send instead of a template (its eventId is renewed per call). */
  body?: unknown;
  keepEventId?: boolean;
  repeat: number;
  tokens: TokenShape;
  variant: RegistrationVariant;
  set: Record<string, string>;
  password?: string;
  externalId: string;
  email?: string;
  department?: string;
  matchedUserId?: string;
  phone: string;
  channel: 'sms' | 'voice';
  eventType: string;
  outcome: 'SUCCESS' | 'FAILURE';
  timeoutMs?: number;
}

export interface CallReport {
  request?: unknown;
  attempts: Attempt[];
  effect: OktaEffect;
}

export interface LatencySummary {
  calls: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Share of calls whose first attempt took longer than Okta waits. */
  timedOutShare: number;
}

export interface SimulationReport {
  hook: SimulatedHook;
  url: string;
  calls: CallReport[];
  latency: LatencySummary;
  /** Every answer accepted, nothing timed out. */
  ok: boolean;
}

export class SimulationInputError extends Error {}

const templateBody = (options: SimulationOptions): unknown => {
  const user = simulatedUser(options.user, options.oktaUserId);
  switch (options.hook) {
    case 'token':
      return tokenRequest(user, options.tokens);
    case 'registration':
      return registrationRequest(user, options.variant, options.set);
    case 'saml':
      return samlRequest(user);
    case 'password-import':
      if (options.password === undefined) throw new SimulationInputError('password-import needs --password (the password the user types)');
      return passwordImportRequest(options.user, options.password);
    case 'user-import':
      return userImportRequest({
        externalId: options.externalId,
        email: options.email ?? options.user,
        ...(options.department ? { department: options.department } : {}),
        ...(options.matchedUserId ? { matchedUserId: options.matchedUserId } : {}),
      });
    case 'telephony':
      return telephonyRequest(user, options.phone, options.channel);
    case 'events':
      return eventHookDelivery(user, options.eventType, options.outcome);
    case 'events-verify':
      return undefined;
  }
};

const renewed = (body: unknown): unknown =>
  typeof body === 'object' && body !== null && 'eventId' in body ? { ...body, eventId: randomUUID(), eventTime: new Date().toISOString() } : body;

export const urlFor = (options: Pick<SimulationOptions, 'endpoint' | 'baseUrl' | 'hook'>): string =>
  options.endpoint ?? `${options.baseUrl.replace(/\/+$/, '')}/hooks/${options.hook === 'events-verify' ? 'events' : options.hook}`;

export const simulate = async (options: SimulationOptions): Promise<SimulationReport> => {
  const url = urlFor(options);
  const headers: Record<string, string> = {};
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  else if (options.secret) headers[options.headerName.toLowerCase()] = options.secret;

  // A file's body, or one template for --keep-event-id; otherwise a fresh template per call.
  const fixed = options.body ?? (options.keepEventId && options.hook !== 'events-verify' ? templateBody(options) : undefined);
  const calls: CallReport[] = [];
  for (let call = 0; call < options.repeat; call += 1) {
    if (options.hook === 'events-verify') {
      const challenge = randomUUID().replaceAll('-', '');
      const sent = await sendLikeOkta(url, {
        method: 'GET',
        headers: { ...headers, 'x-okta-verification-challenge': challenge },
        retryOnce: true,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      calls.push({ attempts: sent.attempts, effect: eventHookEffectOf(sent.final, challenge) });
      continue;
    }
    const sendBody = fixed === undefined ? templateBody(options) : options.keepEventId ? fixed : renewed(fixed);
    const hook = options.hook;
    const sent = await sendLikeOkta(url, {
      headers,
      body: sendBody,
      retryOnce: hook === 'events' || oktaRetriesHook(hook),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    const effect = hook === 'events' ? eventHookEffectOf(sent.final) : oktaEffectOf(hook, sendBody, sent.final);
    calls.push({ request: sendBody, attempts: sent.attempts, effect });
  }

  const firstLatencies = calls.map((call) => call.attempts[0]?.latencyMs ?? 0).sort((a, b) => a - b);
  const latency: LatencySummary = {
    calls: calls.length,
    p50: percentile(firstLatencies, 0.5),
    p95: percentile(firstLatencies, 0.95),
    p99: percentile(firstLatencies, 0.99),
    max: firstLatencies.at(-1) ?? 0,
    timedOutShare: calls.filter((call) => call.attempts[0]?.timedOut).length / Math.max(1, calls.length),
  };
  return { hook: options.hook, url, calls, latency, ok: calls.every((call) => call.effect.verdict === 'accepted') };
};
