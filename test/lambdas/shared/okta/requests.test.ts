import { eventHookDeliverySchema, eventsInPublishedOrder } from '../../../../lambdas/shared/okta/event-hooks';
import { describePayloadIssues } from '../../../../lambdas/shared/okta/payload-issues';
import {
  inlineRequestSchemaOf,
  isSmsDelivery,
  passwordImportRequestSchema,
  registrationRequestSchema,
  registrationVariantOf,
  samlRequestSchema,
  telephonyRequestSchema,
  tokenRequestSchema,
  userImportRequestSchema,
} from '../../../../lambdas/shared/okta/requests';
import { cloneJson, loadFixture, requestFixtures } from '../../../support/fixtures';

describe('request schemas accept every fixture', () => {
  const fixtures = requestFixtures();

  it('has fixtures for every hook type and for event hooks', () => {
    expect(new Set(fixtures.map((fixture) => fixture.hook))).toEqual(
      new Set(['token', 'registration', 'saml', 'password-import', 'user-import', 'telephony', 'event-hook']),
    );
  });

  it.each(fixtures)('$name parses as a $hook request', ({ name, hook }) => {
    const document = loadFixture(name);
    const result =
      hook === 'event-hook' ? eventHookDeliverySchema.safeParse(document) : inlineRequestSchemaOf[hook].safeParse(document);
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

describe('request schemas', () => {
  it('lets unknown fields pass through at every level', () => {
    const document = cloneJson(loadFixture('token.request.json')) as { data: Record<string, unknown>; [key: string]: unknown };
    document.futureTopLevel = { added: 'later' };
    document.data.futureData = [1, 2];
    const parsed = tokenRequestSchema.parse(document);
    expect(parsed.futureTopLevel).toEqual({ added: 'later' });
    expect(parsed.data.futureData).toEqual([1, 2]);
    expect(parsed.data.identity?.claims.preferred_username).toBe('alice@example.com');
  });

  it('accepts version fields as strings or numbers, and nothing else', () => {
    const document = cloneJson(loadFixture('registration.request.json'));
    expect(registrationRequestSchema.safeParse({ ...document, eventTypeVersion: 1, cloudEventVersion: 0.1 }).success).toBe(true);
    expect(registrationRequestSchema.safeParse({ ...document, eventTypeVersion: '1.0' }).success).toBe(true);
    expect(registrationRequestSchema.safeParse({ ...document, eventTypeVersion: true }).success).toBe(false);
  });

  it('accepts an ID-token-only request without data.access', () => {
    const parsed = tokenRequestSchema.parse(loadFixture('token.edge.request.json'));
    expect(parsed.data.access).toBeUndefined();
    expect(parsed.data.identity?.claims.sub).toBe('00u5alice0000000a1b2');
  });

  it('accepts a client-credentials request without user, session or ID token', () => {
    const parsed = tokenRequestSchema.parse(loadFixture('token.client-credentials.request.json'));
    expect(parsed.data.context.user).toBeUndefined();
    expect(parsed.data.context.session).toBeUndefined();
    expect(parsed.data.identity).toBeUndefined();
    expect(parsed.data.context.protocol?.request?.grant_type).toBe('client_credentials');
  });

  it('tells the three registration variants apart', () => {
    expect(registrationVariantOf(registrationRequestSchema.parse(loadFixture('registration.request.json')).requestType)).toBe(
      'self-service',
    );
    expect(
      registrationVariantOf(registrationRequestSchema.parse(loadFixture('registration.edge.request.json')).requestType),
    ).toBe('progressive-profile');
    expect(
      registrationVariantOf(registrationRequestSchema.parse(loadFixture('registration.classic.request.json')).requestType),
    ).toBe('classic');
    expect(registrationVariantOf('something.new')).toBe('unknown');
  });

  it('requires the current user and the changed attributes of a progressive profile request', () => {
    const document = cloneJson(loadFixture('registration.edge.request.json')) as {
      data: { context: Record<string, unknown>; userProfileUpdate?: unknown };
    };
    delete document.data.context.user;
    delete document.data.userProfileUpdate;
    const result = registrationRequestSchema.safeParse(document);
    expect(result.success).toBe(false);
    expect(describePayloadIssues(result.error?.issues ?? []).map((issue) => issue.location)).toEqual([
      'data.context.user',
      'data.userProfileUpdate',
    ]);
  });

  it('requires the typed profile of a self-service or Classic registration', () => {
    const document = cloneJson(loadFixture('registration.classic.request.json')) as { data: Record<string, unknown> };
    delete document.data.userProfile;
    const issues = describePayloadIssues(registrationRequestSchema.safeParse(document).error?.issues ?? []);
    expect(issues).toEqual([{ location: 'data.userProfile', reason: expect.stringContaining('data.userProfile') as string }]);
  });

  it('keeps URI-named SAML attributes as they are, with empty value lists allowed', () => {
    const parsed = samlRequestSchema.parse(loadFixture('saml.edge.request.json'));
    const claims = parsed.data.assertion.claims ?? {};
    expect(Object.keys(claims)).toContain('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress');
    expect(Object.keys(claims)).toContain('urn:example:claims:tilde~name');
    expect(claims.costCenter?.attributeValues).toEqual([]);
  });

  it('keeps the typed password exactly, without trimming or normalising', () => {
    const parsed = passwordImportRequestSchema.parse(loadFixture('password-import.edge.request.json'));
    expect(parsed.data.context.credential.password).toBe('Grüße "quoted" \\ back 🔑 ünïcödé');
    expect(parsed.data.context.credential.username).toBe("o'brien+legacy@example.com");
  });

  it('refuses a password import request without a username or password', () => {
    const document = cloneJson(loadFixture('password-import.request.json')) as {
      data: { context: { credential: Record<string, unknown> } };
    };
    document.data.context.credential.password = '';
    delete document.data.context.credential.username;
    const issues = describePayloadIssues(passwordImportRequestSchema.safeParse(document).error?.issues ?? []);
    expect(issues).toEqual([
      { location: 'data.context.credential.username', reason: 'expected string' },
      { location: 'data.context.credential.password', reason: 'must not be empty' },
    ]);
  });

  it('reads a user import that matched an existing user', () => {
    const parsed = userImportRequestSchema.parse(loadFixture('user-import.edge.request.json'));
    expect(parsed.data.user.id).toBe('00u5alice0000000a1b2');
    expect(parsed.data.action?.result).toBe('LINK_USER');
  });

  it('reads voice telephony requests, which have no message template', () => {
    const parsed = telephonyRequestSchema.parse(loadFixture('telephony.edge.request.json'));
    expect(parsed.data.messageProfile.msgTemplate).toBeUndefined();
    expect(isSmsDelivery(parsed.data.messageProfile.deliveryChannel)).toBe(false);
  });

  it.each([
    ['SMS', true],
    ['sms', true],
    [' Sms ', true],
    ['voice call', false],
    ['Voice', false],
    ['VOICE', false],
    ['whatsapp', false],
  ])('treats deliveryChannel %j as SMS: %s', (channel, sms) => {
    expect(isSmsDelivery(channel)).toBe(sms);
  });

  it("refuses another hook's payload", () => {
    const result = tokenRequestSchema.safeParse(loadFixture('saml.request.json'));
    expect(describePayloadIssues(result.error?.issues ?? [])).toContainEqual({
      location: 'eventType',
      reason: 'expected "com.okta.oauth2.tokens.transform"',
    });
  });
});

describe('event hook deliveries', () => {
  it('orders a batch by published time', () => {
    const delivery = eventHookDeliverySchema.parse(loadFixture('event-hook.edge.request.json'));
    expect(eventsInPublishedOrder(delivery).map((event) => event.eventType)).toEqual([
      'group.user_membership.add',
      'user.lifecycle.deactivate',
    ]);
  });

  it('accepts the inline-hook spelling cloudEventVersion too', () => {
    const document = cloneJson(loadFixture('event-hook.request.json'));
    delete document.cloudEventsVersion;
    expect(eventHookDeliverySchema.safeParse({ ...document, cloudEventVersion: '0.1' }).success).toBe(true);
  });

  it('refuses an event without a parseable published time', () => {
    const document = cloneJson(loadFixture('event-hook.request.json')) as { data: { events: Record<string, unknown>[] } };
    document.data.events[0]!.published = 'yesterday';
    expect(eventHookDeliverySchema.safeParse(document).success).toBe(false);
  });
});
