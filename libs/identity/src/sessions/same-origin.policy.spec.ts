import { crossOriginReason } from './same-origin.policy';

describe('a state-changing request sent with a session cookie', () => {
  const post = (headers: Record<string, string>) => ({
    method: 'POST',
    headers: { host: 'hub.example:3000', ...headers },
  });

  it('is allowed from the origin of the Host it was sent to, when PUBLIC_URL is not set', () => {
    expect(crossOriginReason(post({ origin: 'http://hub.example:3000' }), undefined)).toBe(
      undefined,
    );
    expect(
      crossOriginReason(post({ referer: 'http://hub.example:3000/dashboard/' }), undefined),
    ).toBe(undefined);
  });

  it('is allowed from PUBLIC_URL only, whatever Host says, when it is set', () => {
    const publicUrl = 'https://samenloop.example';
    expect(crossOriginReason(post({ origin: publicUrl }), publicUrl)).toBe(undefined);
    expect(crossOriginReason(post({ origin: 'http://hub.example:3000' }), publicUrl)).toMatch(
      /another origin/,
    );
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['another port', { origin: 'http://hub.example:4000' }],
    ['an opaque origin from another site', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
    ['a referer elsewhere', { referer: 'https://evil.example/hub.example:3000' }],
    ['a scheme that is not http', { origin: 'ftp://hub.example:3000' }],
    ['no origin at all', {}],
  ])('is refused from %s', (_case, headers) => {
    expect(crossOriginReason(post(headers), undefined)).toBeDefined();
  });

  it('is allowed with Origin null when the browser says it is the same origin', () => {
    expect(
      crossOriginReason(post({ origin: 'null', 'sec-fetch-site': 'same-origin' }), undefined),
    ).toBe(undefined);
  });

  it('is not asked about reads', () => {
    expect(crossOriginReason({ method: 'GET', headers: {} }, undefined)).toBe(undefined);
    expect(crossOriginReason({ method: 'DELETE', headers: {} }, undefined)).toBeDefined();
  });
});
