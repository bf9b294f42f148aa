import { safeReturnTo } from './oidc-return-to';

describe('where a sign-in returns to', () => {
  const origin = 'https://hub.example';

  it('is a dashboard path on the hub', () => {
    expect(safeReturnTo('/dashboard/clients?page=2#top', origin)).toBe(
      '/dashboard/clients?page=2#top',
    );
    expect(safeReturnTo('https://hub.example/dashboard', origin)).toBe('/dashboard');
  });

  it.each([
    ['a tab that browsers drop', '/\t/evil.example/x'],
    ['a newline', '/dashboard/\n//evil.example'],
    ['a backslash', '/\\evil.example/dashboard/'],
    ['a protocol-relative URL', '//evil.example/dashboard/'],
    ['another origin', 'https://evil.example/dashboard/'],
    ['another scheme', 'javascript:alert(1)//dashboard/'],
    ['a path outside the dashboard', '/v1/admin/partners'],
    ['dot segments out of the dashboard', '/dashboard/../v1/feed'],
    ['a look-alike prefix', '/dashboard.evil/x'],
    ['nothing', undefined],
  ])('falls back to the dashboard for %s', (_case, value) => {
    expect(safeReturnTo(value, origin)).toBe('/dashboard/');
  });
});
