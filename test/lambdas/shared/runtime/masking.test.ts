import { maskingReplacer, maskPhoneNumber, maskSensitiveText, REDACTED } from '../../../../lambdas/shared/runtime/masking';

const stringify = (value: unknown) => JSON.stringify(value, maskingReplacer);

describe('log masking', () => {
  it.each([
    'password',
    'Password',
    'newPassword',
    'otpCode',
    'otp_code',
    'clientSecret',
    'authorization',
    'Authorization',
    'bearerToken',
    'refresh_token',
    'phoneNumber',
    'mobilePhone',
    'msgTemplate',
    'credential',
    'x-api-key',
  ])('redacts the value of %s', (key) => {
    expect(JSON.parse(stringify({ [key]: 'sensitive-value-123' }))).toEqual({ [key]: REDACTED });
  });

  it('redacts whole objects under a sensitive key', () => {
    expect(stringify({ credential: { username: 'carol', password: 'Winter-Lake-42' } })).toBe(`{"credential":"${REDACTED}"}`);
  });

  it('keeps ordinary keys', () => {
    expect(JSON.parse(stringify({ hook: 'token', status: 200, eventId: 'e-1', durationMs: 2.5 }))).toEqual({
      hook: 'token',
      status: 200,
      eventId: 'e-1',
      durationMs: 2.5,
    });
  });

  it('masks credentials, JWTs and phone numbers inside free text', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl';
    const text = maskSensitiveText(`got Bearer ${jwt} and Basic dXNlcjpwYXNz for +49 1555 0001234 at 2026-03-15T18:02:11Z`);
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('dXNlcjpwYXNz');
    expect(text).not.toContain('1555 0001234');
    expect(text).toContain('2026-03-15T18:02:11Z');
    expect(maskSensitiveText(`token ${jwt}`)).toBe(`token ${REDACTED}`);
  });

  it('keeps the country prefix and last two digits of a phone number', () => {
    expect(maskPhoneNumber('+4915550001234')).toBe('+49*********34');
    expect(maskPhoneNumber('+1 (415) 555-0199')).toBe('+14*******99');
  });
});
