import { readModelsSettings } from './read-models.settings';

describe('the read models’ settings', () => {
  it('run the workers unless WORKERS=off, and sign in locally unless OIDC is configured', () => {
    expect(readModelsSettings({})).toEqual({
      workers: true,
      oidc: undefined,
      demoAccountPassword: undefined,
    });
    expect(readModelsSettings({ WORKERS: 'off' }).workers).toBe(false);
  });

  it('read OpenID Connect with default claim names', () => {
    const env = {
      OIDC_ISSUER: 'https://login.example/realm',
      OIDC_CLIENT_ID: 'hub',
      OIDC_CLIENT_SECRET: 's',
    };
    expect(readModelsSettings(env).oidc).toEqual({
      issuer: 'https://login.example/realm',
      clientId: 'hub',
      clientSecret: 's',
      roleClaim: 'samenloop_role',
      partnerClaim: 'samenloop_partner',
    });
  });

  it.each([
    [{ WORKERS: 'no' }, /WORKERS must be on or off/],
    [{ OIDC_ISSUER: 'https://login.example' }, /go together/],
    [
      { OIDC_ISSUER: 'login.example', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' },
      /http\(s\) URL/,
    ],
    [{ DEMO_ACCOUNT_PASSWORD: 'short' }, /at least 8/],
  ])('refuse %j in one line', (env, message) => {
    expect(() => readModelsSettings(env)).toThrow(message);
  });
});
