/**
 * What Okta does with an answer (contract §§1.5, 2–7, 9): the tokens after the patch, the
 * SAML attributes, the registration outcome and profile, VERIFIED or UNVERIFIED, the import
 * decision, the telephony status, or what happens when the call failed.
 */
import { checkAnswer } from '../../lambdas/shared/okta/checker';
import type { InlineHookName } from '../../lambdas/shared/okta/hook-types';
import {
  inlineRequestSchemaOf,
  registrationVariantOf,
  type InlineHookRequestOf,
  type SamlRequest,
  type TokenRequest,
} from '../../lambdas/shared/okta/requests';
import { applyPatch, PatchFailed } from './json-patch';
import type { Attempt } from './send-like-okta';

export type Verdict = 'accepted' | 'rejected' | 'timed-out' | 'failed';

export interface OktaEffect {
  verdict: Verdict;
  /** One line: what happened to the user's flow. */
  outcome: string;
  details: string[];
  violations: string[];
}

/** What each flow does when the hook times out or fails (contract §1.5). */
const onFailure: Record<InlineHookName, string> = {
  token: 'the token is issued unmodified',
  registration: 'registration is denied with a generic message',
  saml: 'SSO continues with the unmodified assertion',
  'password-import': 'the sign-in fails; the next sign-in calls the hook again',
  'user-import': 'the import continues and the user is created as Okta matched it',
  telephony: 'Okta sends the OTP through its own providers',
};

interface Command {
  type: string;
  value: unknown;
}

interface Body {
  commands?: Command[];
  error?: { errorSummary?: string; errorCauses?: { errorSummary?: string; location?: string }[] };
  debugContext?: Record<string, unknown>;
}

const describeError = (error: Body['error']): string[] => [
  ...(error?.errorSummary ? [`error: ${error.errorSummary}`] : ['error object without a summary']),
  ...(error?.errorCauses ?? []).map((cause) => `  cause${cause.location ? ` at ${cause.location}` : ''}: ${cause.errorSummary ?? ''}`),
];

const show = (value: unknown) => JSON.stringify(value);

const changedKeys = (before: Record<string, unknown>, after: Record<string, unknown>): string[] =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((key) => {
    if (!(key in after)) return [`  - ${key}`];
    if (!(key in before)) return [`  + ${key}: ${show(after[key])}`];
    return show(before[key]) === show(after[key]) ? [] : [`  ~ ${key}: ${show(before[key])} → ${show(after[key])}`];
  });

const tokenEffect = (request: TokenRequest, body: Body): Omit<OktaEffect, 'verdict' | 'violations'> => {
  if (body.error) return { outcome: `no token is issued: OAuth error server_error (${body.error.errorSummary ?? 'The callback service returned an error'})`, details: [] };
  const details: string[] = [];
  for (const kind of ['identity', 'access'] as const) {
    const token = request.data[kind];
    if (!token) continue;
    const label = kind === 'identity' ? 'ID token' : 'access token';
    const operations = (body.commands ?? []).filter((command) => command.type === `com.okta.${kind}.patch`).flatMap((command) => command.value as { op: string; path: string; value?: unknown }[]);
    if (operations.length === 0) {
      details.push(`${label}: unchanged`);
      continue;
    }
    try {
      const after = applyPatch({ claims: token.claims, token: { lifetime: { expiration: token.token?.lifetime?.expiration ?? 3600 } } }, operations);
      details.push(`${label}:`, ...changedKeys(token.claims, after.claims));
      const lifetime = after.token.lifetime.expiration;
      if (lifetime !== (token.token?.lifetime?.expiration ?? 3600)) details.push(`  lifetime: ${lifetime} s`);
    } catch (error) {
      details.push(`${label}: the whole patch is dropped (${error instanceof PatchFailed ? error.message : 'cannot apply'})`);
    }
  }
  return { outcome: 'the token is issued', details };
};

const samlEffect = (request: SamlRequest, body: Body): Omit<OktaEffect, 'verdict' | 'violations'> => {
  if (body.error) return { outcome: `SSO fails: ${body.error.errorSummary ?? 'The callback service returned an error'}`, details: [] };
  const operations = (body.commands ?? []).flatMap((command) => command.value as { op: string; path: string; value?: unknown }[]);
  if (operations.length === 0) return { outcome: 'the original assertion is used', details: [] };
  try {
    const after = applyPatch(request.data.assertion, operations);
    const values = (claims: typeof after.claims) =>
      Object.fromEntries(Object.entries(claims ?? {}).map(([name, statement]) => [name, (statement.attributeValues ?? []).map((item) => item.value)]));
    const details = ['attributes:', ...changedKeys(values(request.data.assertion.claims), values(after.claims))];
    const lifetime = (after.authentication as { sessionLifetime?: unknown } | null | undefined)?.sessionLifetime;
    if (lifetime !== undefined) details.push(`SessionNotOnOrAfter: issue instant + ${JSON.stringify(lifetime)} s`);
    return { outcome: 'the assertion is sent with the patch applied', details };
  } catch (error) {
    return { outcome: 'the patch cannot be applied; the original assertion is used', details: [error instanceof Error ? error.message : ''] };
  }
};

const registrationEffect = (request: InlineHookRequestOf['registration'], body: Body): Omit<OktaEffect, 'verdict' | 'violations'> => {
  const variant = registrationVariantOf(request.requestType);
  if (body.error) return { outcome: `registration is DENIED (${variant})`, details: describeError(body.error) };
  const decision = body.commands?.find((command) => command.type === 'com.okta.action.update');
  const denied = (decision?.value as { registration?: string } | undefined)?.registration === 'DENY';
  const profileBefore: Record<string, unknown> =
    variant === 'progressive-profile' ? { ...request.data.context?.user?.profile, ...request.data.userProfileUpdate } : { ...request.data.userProfile };
  const updates = (body.commands ?? [])
    .filter((command) => command.type.endsWith('profile.update'))
    .reduce<Record<string, unknown>>((profile, command) => ({ ...profile, ...(command.value as Record<string, unknown>) }), {});
  const after = { ...profileBefore, ...updates };
  return {
    outcome: denied ? `registration is DENIED (${variant}): "Registration denied."` : `registration is ALLOWED (${variant})`,
    details: Object.keys(updates).length > 0 ? ['profile:', ...changedKeys(profileBefore, after)] : ['profile: unchanged'],
  };
};

const passwordEffect = (body: Body | undefined): Omit<OktaEffect, 'verdict' | 'violations'> => {
  if (body?.error) return { outcome: 'the sign-in fails (hook failure); the next sign-in calls the hook again', details: describeError(body.error) };
  const credential = (body?.commands?.[0]?.value as { credential?: string } | undefined)?.credential ?? 'UNVERIFIED';
  return credential === 'VERIFIED'
    ? { outcome: 'VERIFIED: the user signs in and Okta stores the password', details: [] }
    : { outcome: 'UNVERIFIED: the sign-in fails as a wrong password', details: [] };
};

const userImportEffect = (request: InlineHookRequestOf['user-import'], body: Body | undefined): Omit<OktaEffect, 'verdict' | 'violations'> => {
  if (body?.error) return { outcome: `Okta logs a failure for this user: ${body.error.errorSummary ?? ''}`, details: [] };
  const commands = body?.commands ?? [];
  const result = (commands.find((command) => command.type === 'com.okta.action.update')?.value as { result?: string } | undefined)?.result ?? request.data.action?.result ?? 'CREATE_USER';
  const linkedId = (commands.find((command) => command.type === 'com.okta.user.update')?.value as { id?: string } | undefined)?.id ?? request.data.user.id;
  const details = commands
    .filter((command) => command.type.endsWith('profile.update'))
    .flatMap((command) => [`${command.type === 'com.okta.appUser.profile.update' ? 'app user' : 'Okta user'} profile:`, ...changedKeys(command.type === 'com.okta.appUser.profile.update' ? request.data.appUser.profile : request.data.user.profile, { ...(command.type === 'com.okta.appUser.profile.update' ? request.data.appUser.profile : request.data.user.profile), ...(command.value as Record<string, unknown>) })]);
  return { outcome: result === 'LINK_USER' ? `LINK_USER: linked to ${linkedId ?? '(unknown user)'}` : 'CREATE_USER: a new Okta user is created', details };
};

const telephonyEffect = (body: Body): Omit<OktaEffect, 'verdict' | 'violations'> => {
  if (body.error) return { outcome: 'Okta sends the OTP through its own providers', details: describeError(body.error) };
  const result = (body.commands?.[0]?.value as { status?: string; provider?: string; transactionId?: string }[] | undefined)?.[0];
  const fallback = result?.status === 'FAILED' ? ' (Okta falls back to its own providers)' : '';
  return { outcome: `${result?.status ?? '?'} via ${result?.provider ?? 'unknown provider'}${result?.transactionId ? `, transaction ${result.transactionId}` : ''}${fallback}`, details: [] };
};

/** Judges one answer of an inline hook. */
export const oktaEffectOf = (hook: InlineHookName, requestBody: unknown, final: Attempt): OktaEffect => {
  if (final.timedOut) return { verdict: 'timed-out', outcome: `no answer within 3 s: ${onFailure[hook]}`, details: [], violations: [] };
  if (final.networkError !== undefined) return { verdict: 'failed', outcome: `could not reach the hook (${final.networkError}): ${onFailure[hook]}`, details: [], violations: [] };
  const status = final.status ?? 0;
  let body: unknown;
  try {
    body = final.bodyText === '' ? undefined : (JSON.parse(final.bodyText) as unknown);
  } catch {
    return { verdict: 'rejected', outcome: `the body is not JSON: ${onFailure[hook]}`, details: [final.bodyText.slice(0, 200)], violations: ['body is not JSON'] };
  }
  if (status !== 200 && status !== 204) {
    const error = (body as Body | undefined)?.error;
    return { verdict: 'failed', outcome: `HTTP ${status}: ${onFailure[hook]}`, details: error ? describeError(error) : [], violations: [] };
  }
  const request = inlineRequestSchemaOf[hook].parse(requestBody);
  const verdict = checkAnswer(hook, request as never, { status, body, bodyText: final.bodyText });
  if (!verdict.accepted) return { verdict: 'rejected', outcome: `Okta rejects the answer: ${onFailure[hook]}`, details: [], violations: verdict.violations };
  const answer = (body ?? {}) as Body;
  const effect = (() => {
    switch (hook) {
      case 'token':
        return status === 204 ? { outcome: 'the token is issued unmodified', details: [] } : tokenEffect(request as TokenRequest, answer);
      case 'saml':
        return status === 204 ? { outcome: 'the original assertion is used', details: [] } : samlEffect(request as SamlRequest, answer);
      case 'registration':
        return status === 204
          ? { outcome: `registration is ALLOWED (${registrationVariantOf((request as InlineHookRequestOf['registration']).requestType)}), profile unchanged`, details: [] }
          : registrationEffect(request as InlineHookRequestOf['registration'], answer);
      case 'password-import':
        return passwordEffect(status === 204 ? undefined : answer);
      case 'user-import':
        return userImportEffect(request as InlineHookRequestOf['user-import'], status === 204 ? undefined : answer);
      case 'telephony':
        return telephonyEffect(answer);
    }
  })();
  return { verdict: 'accepted', violations: [], ...effect };
};

/** Event hooks: a delivery is accepted by any 2xx; the verification must echo the challenge. */
export const eventHookEffectOf = (final: Attempt, challenge?: string): OktaEffect => {
  if (final.timedOut) return { verdict: 'timed-out', outcome: 'no answer within 3 s: Okta counts a failed delivery and retries once', details: [], violations: [] };
  if (final.networkError !== undefined) return { verdict: 'failed', outcome: `could not reach the hook (${final.networkError})`, details: [], violations: [] };
  const status = final.status ?? 0;
  if (challenge === undefined) {
    if (status === 200 || status === 204) return { verdict: 'accepted', outcome: `delivery accepted (HTTP ${status})`, details: [], violations: [] };
    return { verdict: 'failed', outcome: `HTTP ${status}: ${status >= 500 ? 'Okta retries the delivery once' : 'Okta does not retry'}`, details: [final.bodyText.slice(0, 200)], violations: [] };
  }
  const expected = JSON.stringify({ verification: challenge });
  let echoed: unknown;
  try {
    echoed = JSON.parse(final.bodyText);
  } catch {
    echoed = undefined;
  }
  const ok = status === 200 && JSON.stringify(echoed) === expected && (final.contentType ?? '').includes('application/json');
  return ok
    ? { verdict: 'accepted', outcome: 'verified: Okta marks the event hook VERIFIED', details: [], violations: [] }
    : { verdict: 'rejected', outcome: 'verification fails: the hook stays UNVERIFIED and receives no events', details: [], violations: [`expected 200 ${expected}, got ${status} ${final.bodyText.slice(0, 100)}`] };
};
