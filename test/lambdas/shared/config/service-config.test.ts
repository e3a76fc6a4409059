import { ConfigError, enabledHooks, parseServiceConfig } from '../../../../lambdas/shared/config/service-config';

describe('service configuration', () => {
  it('fills every default from an empty document', () => {
    const config = parseServiceConfig({});
    expect(config.auth).toEqual({
      mode: 'header',
      headerName: 'Authorization',
      secretSource: 'secrets-manager',
      secretMaxAgeSeconds: 300,
    });
    expect(config.runtime.deadlineMs).toBe(2500);
    expect(config.hooks['password-import'].failPolicy).toBe('closed');
    expect(config.hooks.token.failPolicy).toBe('open');
    expect(enabledHooks(config)).toHaveLength(6);
  });

  it('names every bad field in one error', () => {
    let error: unknown;
    try {
      parseServiceConfig(
        { auth: { mode: 'oauth', issuer: 'not a url' }, runtime: { deadlineMs: 3500, typo: true }, hooks: { sso: {} } },
        'config/dev.json',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'auth.issuer: must be a valid url',
      'auth.audience: required',
      'runtime.deadlineMs: must be at most 2900',
      'runtime: unknown field(s) "typo"',
      'hooks: unknown field(s) "sso"',
    ]);
    expect(String(error)).toContain('config/dev.json');
  });

  it('never accepts HMAC or none for OAuth', () => {
    expect(() =>
      parseServiceConfig({ auth: { mode: 'oauth', issuer: 'https://example.okta.com/oauth2/default', audience: 'api://default', algorithms: ['HS256'] } }),
    ).toThrow('auth.algorithms[0]');
  });

  it('refuses a header name that is not a valid HTTP token', () => {
    expect(() => parseServiceConfig({ auth: { mode: 'header', headerName: 'X Secret' } })).toThrow('auth.headerName');
  });
});
