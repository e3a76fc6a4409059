/**
 * The answer a hook gives when it cannot do its work: a dependency failed, the deadline
 * passed, or its own answer broke the contract. Never a positive answer (never VERIFIED,
 * never a claim): `open` lets Okta's flow go on unchanged, `closed` stops it with an error.
 * What Okta then does per type is in the contract (§1.5).
 */
import type { FailPolicy } from '../config/service-config';
import type { InlineHookName } from '../okta/hook-types';
import {
  noChange,
  oktaError,
  registrationDecision,
  withError,
  type CommandOf,
  type HookAnswer,
} from '../okta/responses';

type FailAnswers = { [H in InlineHookName]: (policy: FailPolicy) => HookAnswer<CommandOf[H]> };

const failAnswers: FailAnswers = {
  // Open: the token is issued unmodified. Closed: no token; the summary reaches the client as error_description.
  token: (policy) =>
    policy === 'open' ? noChange() : withError(oktaError('Token enrichment is temporarily unavailable.')),
  // Open: registration proceeds unchanged. Closed: denied, with a message the Sign-In Widget can show.
  registration: (policy) =>
    policy === 'open'
      ? noChange()
      : withError(oktaError('Registration is temporarily unavailable. Please try again later.'), [
          registrationDecision('DENY'),
        ]),
  // Open: the original assertion is used. Closed: SSO fails and the summary is logged by Okta.
  saml: (policy) =>
    policy === 'open' ? noChange() : withError(oktaError('Assertion enrichment is temporarily unavailable.')),
  // Open: Okta's default action, which is UNVERIFIED. Closed: the sign-in fails as a hook failure
  // (not as a wrong password) and the next sign-in calls the hook again.
  'password-import': (policy) =>
    policy === 'open' ? noChange() : withError(oktaError('The legacy credential check is temporarily unavailable.')),
  // Open: the import creates the user as Okta matched it. Closed: Okta logs a failure for this user.
  'user-import': (policy) =>
    policy === 'open' ? noChange() : withError(oktaError('The import transform is temporarily unavailable.')),
  // Either way Okta sends the OTP through its own providers: 204 is not an answer for telephony.
  telephony: () =>
    withError(
      oktaError('The SMS and voice provider is unavailable.', [
        { errorSummary: 'Provider unavailable', reason: 'PROVIDER_UNAVAILABLE', location: 'data.messageProfile' },
      ]),
    ),
};

export const failPolicyAnswer = <H extends InlineHookName>(hook: H, policy: FailPolicy): HookAnswer<CommandOf[H]> =>
  failAnswers[hook](policy);
