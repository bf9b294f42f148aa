/** Where a sign-in lands when `returnTo` is absent or not allowed. */
export const DASHBOARD_HOME = '/dashboard/';

/**
 * The dashboard page to return to after signing in: `returnTo` read as browsers read it (against
 * the hub's origin), kept only when it stays on that origin and in the dashboard. Control
 * characters (which browsers drop, so that `/\t/evil.example` becomes `//evil.example`) and
 * backslashes (which they read as slashes) refuse it outright.
 */
export function safeReturnTo(value: unknown, origin: string): string {
  if (typeof value !== 'string' || value.length > 2000) return DASHBOARD_HOME;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return DASHBOARD_HOME;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return DASHBOARD_HOME;
  }
  const inDashboard = url.pathname === '/dashboard' || url.pathname.startsWith('/dashboard/');
  if (url.origin !== new URL(origin).origin || !inDashboard) return DASHBOARD_HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
