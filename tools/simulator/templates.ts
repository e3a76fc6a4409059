/**
 * Realistic Okta requests for each hook, built for a given user. The structure follows the
 * contract reference (and the shared fixtures); every call gets a fresh eventId, as Okta's do.
 */
import { randomUUID } from 'node:crypto';
import { eventHookEventType, oktaEventTypeOf } from '../../lambdas/shared/okta/hook-types';

export const ORG = 'https://example.okta.com';

export interface SimulatedUser {
  login: string;
  oktaUserId: string;
  firstName: string;
  lastName: string;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A user from a login; the Okta id is stable per login so repeated runs look alike. */
export const simulatedUser = (login: string, oktaUserId?: string): SimulatedUser => {
  const local = login.split('@')[0] ?? login;
  const [first = local, last = 'Example'] = local.split(/[._-]/);
  let hash = 0;
  for (const character of login) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return {
    login,
    oktaUserId: oktaUserId ?? `00u${hash.toString(36).padStart(8, '0')}sim0000`.slice(0, 20),
    firstName: capitalized(first),
    lastName: capitalized(last),
  };
};

const envelope = (eventType: string) => ({
  eventId: randomUUID(),
  eventTime: new Date().toISOString(),
  eventType,
  eventTypeVersion: '1.0',
  contentType: 'application/json',
  cloudEventVersion: '0.1',
});

const requestContext = (url: string, method = 'POST') => ({
  id: `sim-${randomUUID().slice(0, 12)}`,
  method,
  url: { value: url },
  ipAddress: '203.0.113.24',
});

const oktaUser = (user: SimulatedUser) => ({
  id: user.oktaUserId,
  passwordChanged: '2025-11-02T08:15:00.000Z',
  profile: { login: user.login, firstName: user.firstName, lastName: user.lastName, locale: 'en_US', timeZone: 'Europe/Berlin' },
  _links: {
    groups: { href: `${ORG}/api/v1/users/${user.oktaUserId}/groups` },
    factors: { href: `${ORG}/api/v1/users/${user.oktaUserId}/factors` },
  },
});

const session = (user: SimulatedUser) => ({
  id: `102sim${user.oktaUserId.slice(3, 12)}`,
  userId: user.oktaUserId,
  login: user.login,
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  expiresAt: new Date(Date.now() + 7_200_000).toISOString(),
  status: 'ACTIVE',
  lastPasswordVerification: new Date(Date.now() - 60_000).toISOString(),
  amr: ['PASSWORD'],
  idp: { id: '00o1orgidp000000x9y8', type: 'OKTA' },
  mfaActive: false,
});

export type TokenShape = 'both' | 'id' | 'access' | 'client-credentials';

export const tokenRequest = (user: SimulatedUser, shape: TokenShape = 'both') => {
  const issuer = `${ORG}/oauth2/default`;
  const now = Math.floor(Date.now() / 1000);
  const clientCredentials = shape === 'client-credentials';
  const responseType = shape === 'id' ? 'id_token' : shape === 'access' ? 'token' : 'token id_token';
  const identity = {
    claims: {
      sub: user.oktaUserId,
      name: `${user.firstName} ${user.lastName}`,
      email: user.login,
      ver: 1,
      iss: issuer,
      aud: '0oasimulatorweb00001',
      jti: `ID.${randomUUID()}`,
      amr: ['pwd'],
      idp: '00o1orgidp000000x9y8',
      nonce: randomUUID(),
      preferred_username: user.login,
      auth_time: now - 60,
    },
    token: { lifetime: { expiration: 3600 } },
  };
  const access = {
    claims: {
      ver: 1,
      jti: `AT.${randomUUID()}`,
      iss: issuer,
      aud: 'api://default',
      cid: '0oasimulatorweb00001',
      ...(clientCredentials ? { sub: '0oasimulatorweb00001' } : { uid: user.oktaUserId, sub: user.login }),
    },
    token: { lifetime: { expiration: 3600 } },
    scopes: { openid: { id: 'scp1openid00000a0a0', action: 'GRANT' } },
  };
  return {
    source: `${issuer}/v1/${clientCredentials ? 'token' : 'authorize'}`,
    ...envelope(oktaEventTypeOf.token),
    data: {
      context: {
        request: requestContext(`${issuer}/v1/${clientCredentials ? 'token' : 'authorize'}`, clientCredentials ? 'POST' : 'GET'),
        protocol: {
          type: 'OAUTH2.0',
          request: clientCredentials
            ? { grant_type: 'client_credentials', scope: 'api.read', client_id: '0oasimulatorweb00001' }
            : { scope: 'openid profile email', response_mode: 'fragment', response_type: responseType, client_id: '0oasimulatorweb00001', redirect_uri: 'https://app.example.com/callback', state: 'sim' },
          issuer: { uri: issuer },
          client: { id: '0oasimulatorweb00001', name: 'Simulator', type: clientCredentials ? 'CONFIDENTIAL' : 'PUBLIC' },
        },
        ...(clientCredentials ? {} : { session: session(user), user: oktaUser(user) }),
        policy: { id: '00psimpolicy000q7w6', rule: { id: '0prsimrule0000e5r4' } },
      },
      ...(shape === 'both' || shape === 'id' ? { identity } : {}),
      ...(shape !== 'id' ? { access } : {}),
      ...(clientCredentials ? {} : { refresh_token: { jti: `oar${randomUUID().slice(0, 16)}` } }),
    },
  };
};

export type RegistrationVariant = 'self-service' | 'progressive-profile' | 'classic';

export const registrationRequest = (user: SimulatedUser, variant: RegistrationVariant = 'self-service', update: Record<string, string> = {}) => {
  const profile = { firstName: user.firstName, lastName: user.lastName, login: user.login, email: user.login };
  if (variant === 'progressive-profile') {
    return {
      ...envelope(oktaEventTypeOf.registration),
      source: 'calsimregistration01',
      requestType: 'progressive.profile',
      data: {
        context: { request: requestContext('/idp/idx/enroll/update'), user: oktaUser(user) },
        action: 'ALLOW',
        userProfileUpdate: Object.keys(update).length > 0 ? update : { employeeNumber: 'E-20417' },
      },
    };
  }
  return {
    ...envelope(oktaEventTypeOf.registration),
    source: 'calsimregistration01',
    ...(variant === 'self-service' ? { requestType: 'self.service.registration' } : {}),
    data: {
      context: { request: requestContext(variant === 'classic' ? '/api/v1/registration/reg1/register' : '/idp/idx/enroll/new') },
      userProfile: { ...profile, ...update },
      action: 'ALLOW',
    },
  };
};

export const samlRequest = (user: SimulatedUser) => ({
  source: `${ORG}/app/example_wiki/exksimulator0001/sso/saml`,
  ...envelope(oktaEventTypeOf.saml),
  data: {
    context: {
      request: requestContext(`${ORG}/app/example_wiki/exksimulator0001/sso/saml`, 'GET'),
      protocol: { type: 'SAML2.0', issuer: { id: '0oasimsamlapp0001', name: 'Example Wiki', uri: 'http://www.okta.com/exksimulator0001' } },
      session: session(user),
      user: oktaUser(user),
    },
    assertion: {
      subject: {
        nameId: user.login,
        nameFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        confirmation: { method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer', data: { recipient: 'https://wiki.example.com/saml/acs' } },
      },
      authentication: {
        sessionIndex: `id${Date.now()}`,
        authnContext: { authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' },
      },
      conditions: { audienceRestriction: ['https://wiki.example.com/saml/metadata'] },
      claims: {
        department: {
          attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified' },
          attributeValues: [{ attributes: { 'xsi:type': 'xs:string' }, value: 'unassigned' }],
        },
      },
      lifetime: { expiration: 300 },
    },
  },
});

export const passwordImportRequest = (username: string, password: string) => ({
  ...envelope(oktaEventTypeOf['password-import']),
  source: `${ORG}/api/v1/inlineHooks/calsimpasswordimport`,
  data: {
    context: { request: requestContext('/idp/idx/challenge/answer'), credential: { username, password } },
    action: { credential: 'UNVERIFIED' },
  },
});

export interface ImportOptions {
  externalId: string;
  email: string;
  department?: string;
  /** The Okta user the import matched, if any (LINK_USER by default then). */
  matchedUserId?: string;
  application?: string;
}

export const userImportRequest = (options: ImportOptions) => {
  const [first = 'Imported', last = 'User'] = (options.email.split('@')[0] ?? '').split(/[._-]/);
  return {
    source: 'calsimuserimport0001',
    ...envelope(oktaEventTypeOf['user-import']),
    data: {
      context: {
        conflicts: options.matchedUserId ? [] : ['login'],
        application: { name: options.application ?? 'example_hr_app', id: '0oasimhrapp00001', label: 'Example HR', status: 'ACTIVE' },
        job: { id: `ijsim${randomUUID().slice(0, 8)}`, type: 'import:users' },
        matches: options.matchedUserId ? [options.matchedUserId] : [],
        policy: ['EMAIL', 'FIRST_AND_LAST_NAME'],
      },
      action: { result: options.matchedUserId ? 'LINK_USER' : 'CREATE_USER' },
      appUser: {
        profile: {
          firstName: capitalized(first),
          lastName: capitalized(last),
          externalId: options.externalId,
          userName: first,
          email: options.email,
          ...(options.department ? { department: options.department } : {}),
        },
      },
      user: {
        ...(options.matchedUserId ? { id: options.matchedUserId } : {}),
        profile: { firstName: capitalized(first), lastName: capitalized(last), login: options.email.toLowerCase(), email: options.email.toLowerCase() },
      },
    },
  };
};

export const telephonyRequest = (user: SimulatedUser, phoneNumber: string, channel: 'sms' | 'voice' = 'sms') => {
  const otpCode = String(Math.floor(100_000 + Math.random() * 900_000));
  return {
    ...envelope(oktaEventTypeOf.telephony),
    source: `${ORG}/api/v1/inlineHooks/calsimtelephony0001`,
    requestType: 'com.okta.user.telephony.mfa-verification',
    data: {
      context: { request: requestContext('/idp/idx/challenge/send') },
      userProfile: { firstName: user.firstName, lastName: user.lastName, login: user.login, userId: user.oktaUserId },
      messageProfile: {
        ...(channel === 'sms' ? { msgTemplate: `Example Corp: your code is ${otpCode}` } : {}),
        phoneNumber,
        otpExpires: new Date(Date.now() + 300_000).toISOString(),
        deliveryChannel: channel === 'sms' ? 'SMS' : 'voice call',
        otpCode,
        locale: 'en-US',
      },
    },
  };
};

/** One System Log event of the given type about the user, in an event hook delivery. */
export const eventHookDelivery = (user: SimulatedUser, eventType: string, outcome: 'SUCCESS' | 'FAILURE' = 'SUCCESS') => ({
  eventType: eventHookEventType,
  eventTypeVersion: '1.0',
  cloudEventsVersion: '0.1',
  source: `${ORG}/api/v1/eventHooks/whosimulator00001`,
  eventId: randomUUID(),
  eventTime: new Date().toISOString(),
  contentType: 'application/json',
  data: {
    events: [
      {
        uuid: randomUUID(),
        published: new Date().toISOString(),
        eventType,
        version: '0',
        displayMessage: eventType,
        severity: 'INFO',
        actor: { id: '00u1admin00000000z0x', type: 'User', alternateId: 'admin@example.com', displayName: 'Example Admin' },
        outcome: { result: outcome, reason: null },
        target: [{ id: user.oktaUserId, type: 'User', alternateId: user.login, displayName: `${user.firstName} ${user.lastName}` }],
        transaction: { type: 'WEB', id: `sim${randomUUID().slice(0, 8)}`, detail: {} },
      },
    ],
  },
});
