import { loadConfig } from '@samenloop/platform';
import { identitySettingsFrom } from './identity.settings';

describe('the identity settings', () => {
  it('sign in locally unless OIDC is configured', () => {
    expect(identitySettingsFrom(loadConfig({}))).toEqual({
      oidc: undefined,
      demoAccountPassword: undefined,
    });
  });

  const oidc = {
    OIDC_ISSUER: 'https://login.example/realm',
    OIDC_CLIENT_ID: 'hub',
    OIDC_CLIENT_SECRET: 's',
  };

  it('read OpenID Connect with default claim names, called back at PUBLIC_URL', () => {
    const config = loadConfig({ ...oidc, PUBLIC_URL: 'https://hub.example' });
    expect(identitySettingsFrom(config).oidc).toEqual({
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
    const config = loadConfig({ ...oidc, OIDC_REDIRECT_URI: redirect });
    expect(identitySettingsFrom(config).oidc).toMatchObject({
      redirectUri: redirect,
      origin: 'https://hub.example:8443',
    });
  });
});
