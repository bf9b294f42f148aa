import { identitySettings } from './identity.settings';

describe('the identity settings', () => {
  it('sign in locally unless OIDC is configured', () => {
    expect(identitySettings({})).toEqual({ oidc: undefined, demoAccountPassword: undefined });
  });

  const oidc = {
    OIDC_ISSUER: 'https://login.example/realm',
    OIDC_CLIENT_ID: 'hub',
    OIDC_CLIENT_SECRET: 's',
  };

  it('read OpenID Connect with default claim names, called back at PUBLIC_URL', () => {
    expect(identitySettings(oidc, 'https://hub.example').oidc).toEqual({
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
    expect(identitySettings({ ...oidc, OIDC_REDIRECT_URI: redirect }).oidc).toMatchObject({
      redirectUri: redirect,
      origin: 'https://hub.example:8443',
    });
  });

  it.each([
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
    expect(() => identitySettings(env)).toThrow(message);
  });
});
