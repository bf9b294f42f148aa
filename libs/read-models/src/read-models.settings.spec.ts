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

  const oidc = {
    OIDC_ISSUER: 'https://login.example/realm',
    OIDC_CLIENT_ID: 'hub',
    OIDC_CLIENT_SECRET: 's',
  };

  it('read OpenID Connect with default claim names, called back at PUBLIC_URL', () => {
    expect(readModelsSettings(oidc, 'https://hub.example').oidc).toEqual({
      issuer: 'https://login.example/realm',
      clientId: 'hub',
      clientSecret: 's',
      redirectUri: 'https://hub.example/v1/auth/oidc/callback',
      origin: 'https://hub.example',
      roleClaim: 'samenloop_role',
      partnerClaim: 'samenloop_partner',
    });
  });

  it('take OIDC_REDIRECT_URI as it is, the origin from it when PUBLIC_URL is not set', () => {
    const redirect = 'https://hub.example:8443/v1/auth/oidc/callback';
    expect(readModelsSettings({ ...oidc, OIDC_REDIRECT_URI: redirect }).oidc).toMatchObject({
      redirectUri: redirect,
      origin: 'https://hub.example:8443',
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
    [
      oidc,
      /^Invalid configuration: OpenID Connect sign-in needs PUBLIC_URL \(or OIDC_REDIRECT_URI\)$/,
    ],
    [{ ...oidc, OIDC_REDIRECT_URI: 'hub.example/callback' }, /OIDC_REDIRECT_URI must be/],
  ])('refuse %j in one line', (env, message) => {
    expect(() => readModelsSettings(env)).toThrow(message);
  });
});
