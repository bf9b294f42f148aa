import { REDACTED, redactQuery } from './query-redact';

describe('redactQuery', () => {
  it('keeps a URL without a query as it is', () => {
    expect(redactQuery('/v1/dashboard/caseload')).toBe('/v1/dashboard/caseload');
  });

  it('replaces the OIDC code and state', () => {
    expect(redactQuery('/v1/dashboard/oidc/callback?code=abc123&state=xyz')).toBe(
      `/v1/dashboard/oidc/callback?code=${REDACTED}&state=${REDACTED}`,
    );
  });

  it('keeps paging values and bare flags, and replaces everything else', () => {
    expect(redactQuery('/v1/feed?after=10&limit=100&search=Jansen&flag')).toBe(
      `/v1/feed?after=10&limit=100&search=${REDACTED}&flag`,
    );
  });

  it('replaces a value whose key is encoded to look harmless', () => {
    expect(redactQuery('/x?%61fter=1&%ZZ=secret')).toBe(`/x?%61fter=1&%ZZ=${REDACTED}`);
  });
});
