import { useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

/** `/dashboard/` in the build, from Vite's `base`. */
export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

export type Route =
  | { page: 'caseload'; query: URLSearchParams }
  | { page: 'client'; reference: string }
  | { page: 'outcomes'; query: URLSearchParams }
  | { page: 'access-log'; query: URLSearchParams }
  | { page: 'integrity' }
  | { page: 'subject-access' }
  | { page: 'replay'; query: URLSearchParams }
  | { page: 'erasure' }
  | { page: 'not-found' };

/** The auditor's pages, below `/audit`. */
const AUDIT_PAGES = ['access-log', 'integrity', 'subject-access', 'replay', 'erasure'] as const;

/** The page for a location; paths are relative to the base (`/`, `/clients/GGZ-1`, `/outcomes`). */
export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const query = new URLSearchParams(search);
  if (path === '' || path === '/') return { page: 'caseload', query };
  if (path === '/outcomes' || path === '/outcomes/') return { page: 'outcomes', query };
  const audit = AUDIT_PAGES.find((page) => path === `/audit/${page}` || path === `/audit/${page}/`);
  if (audit === 'access-log' || audit === 'replay') return { page: audit, query };
  if (audit) return { page: audit };
  const client = /^\/clients\/([^/]+)\/?$/.exec(path);
  if (client) {
    try {
      return { page: 'client', reference: decodeURIComponent(client[1]!) };
    } catch {
      return { page: 'not-found' };
    }
  }
  return { page: 'not-found' };
}

export function clientPath(reference: string): string {
  return `/clients/${encodeURIComponent(reference)}`;
}

const NAVIGATED = 'samenloop:navigated';
let navigations = 0;

/** How many in-page navigations happened: pages move focus to their heading only after one. */
export function navigationCount(): number {
  return navigations;
}

/** Goes to a path below the base (`/outcomes?from=...`) without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const href = BASE + to;
  if (href === window.location.pathname + window.location.search) return;
  if (options.replace) {
    window.history.replaceState(null, '', href);
  } else {
    navigations++;
    window.history.pushState(null, '', href);
  }
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  const onPop = () => {
    navigations++;
    onChange();
  };
  window.addEventListener('popstate', onPop);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onPop);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentLocation = () => window.location.pathname + window.location.search;

/** The current location (path and query), re-rendering on every navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

export function useRoute(): Route {
  const location = useLocation();
  const [pathname, search = ''] = location.split(/(?=\?)/);
  return parseRoute(pathname ?? '/', search);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (open in a new tab works) that navigates in-page on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={BASE + to} onClick={handle} {...rest} />;
}
