/**
 * The dashboard's timeline and caseload over HTTP against the hub, signed in as a partner's case
 * lead: autocannon with a few connections (dashboards open at once), each request for another
 * client's timeline, or another of the caseload views a case lead switches between.
 */
import { runLoad, type LoadResult } from './intake-load';
import type { Hub } from './projections-hub';

export interface ApiCase {
  name: string;
  partnerId: string;
  /** The path of each next request. */
  path: () => string;
}

export interface ApiLatency {
  case: ApiCase;
  load: LoadResult;
}

export interface ApiLoad {
  connections: number;
  durationS: number;
  warmUpS: number;
}

/** A slow answer is measured rather than cut off as a timeout. */
const TIMEOUT_S = 120;

export function timelineCase(partnerId: string, references: readonly string[]): ApiCase {
  let next = 0;
  // A stride through the references, so that consecutive requests concern unrelated clients.
  const stride = 7_919;
  return {
    name: `GET /v1/dashboard/clients/{reference}/timeline as lead@${partnerId}`,
    partnerId,
    path: () => {
      const reference = references[(next++ * stride) % references.length]!;
      return `/v1/dashboard/clients/${encodeURIComponent(reference)}/timeline`;
    },
  };
}

/**
 * The views of the caseload page: its default, the lead's own, other sorts, a signal, a search,
 * paging.
 */
const CASELOAD_VIEWS = [
  '',
  '?scope=mine',
  '?sort=lastContactAt',
  '?sort=currentRung&order=desc',
  '?status=open&sort=openReferrals',
  '?signal=no-contact',
  '?sort=reference',
  '?offset=50',
  '?offset=100',
  '?search=00012',
];

export function caseloadCase(partnerId: string): ApiCase {
  let next = 0;
  return {
    name: `GET /v1/dashboard/caseload as lead@${partnerId}`,
    partnerId,
    path: () => `/v1/dashboard/caseload${CASELOAD_VIEWS[next++ % CASELOAD_VIEWS.length]}`,
  };
}

export async function measureApi(
  hub: Hub,
  apiCase: ApiCase,
  { connections, durationS, warmUpS }: ApiLoad,
): Promise<ApiLatency> {
  const headers = { cookie: await hub.signIn(apiCase.partnerId), accept: 'application/json' };
  const load = (seconds: number) =>
    runLoad({
      url: hub.url,
      connections,
      durationS: seconds,
      timeoutS: TIMEOUT_S,
      method: 'GET',
      headers,
      path: apiCase.path,
    });
  await load(warmUpS);
  return { case: apiCase, load: await load(durationS) };
}
