import { read, url, type Lang } from './api.client';
import type {
  AccessLogViewPage,
  AsOfClock,
  ErasurePlan,
  ErasureRequestView,
  IntegrityView,
  ReplayView,
  VerificationRun,
} from './audit.contract';

const AUDIT = '/v1/audit';

/** The access log's search, as the page and the URL hold it (every field optional). */
export interface AccessLogSearch {
  client?: string;
  partner?: string;
  user?: string;
  channel?: string;
  from?: string;
  to?: string;
}

export function getAccessLog(
  search: AccessLogSearch & { after?: string; limit?: number },
  signal?: AbortSignal,
): Promise<AccessLogViewPage> {
  return read<AccessLogViewPage>('/access-log', { base: AUDIT, query: { ...search }, signal });
}

export function getIntegrity(signal?: AbortSignal): Promise<IntegrityView> {
  return read<IntegrityView>('/integrity', { base: AUDIT, signal });
}

export function startVerification(): Promise<VerificationRun> {
  return read<VerificationRun>('/integrity/verifications', { base: AUDIT, method: 'POST' });
}

export function getVerification(id: string, signal?: AbortSignal): Promise<VerificationRun> {
  return read<VerificationRun>(`/integrity/verifications/${encodeURIComponent(id)}`, {
    base: AUDIT,
    signal,
  });
}

/** The subject-access export's address: the browser opens or downloads it with the session. */
export function exportUrl(client: string, format: 'html' | 'json', lang: Lang): string {
  return url(
    `/clients/${encodeURIComponent(client)}/export`,
    format === 'html' ? { format, lang } : {},
    AUDIT,
  );
}

/** A client's case as of a moment on one clock; now when `asOf` is absent. */
export function getReplay(
  client: string,
  moment: { asOf?: string; by?: AsOfClock },
  signal?: AbortSignal,
): Promise<ReplayView> {
  return read<ReplayView>(`/clients/${encodeURIComponent(client)}/state`, {
    base: AUDIT,
    query: { ...moment },
    signal,
  });
}

export function getErasurePlan(client: string, signal?: AbortSignal): Promise<ErasurePlan> {
  return read<ErasurePlan>(`/clients/${encodeURIComponent(client)}/erasure-plan`, {
    base: AUDIT,
    signal,
  });
}

export function getErasureRequests(signal?: AbortSignal): Promise<ErasureRequestView[]> {
  return read<ErasureRequestView[]>('/erasure-requests', { base: AUDIT, signal });
}

export function requestErasure(client: string, reason: string): Promise<ErasureRequestView> {
  return read<ErasureRequestView>('/erasure-requests', {
    base: AUDIT,
    method: 'POST',
    body: { client, reason },
  });
}

export function approveErasure(id: string): Promise<ErasureRequestView> {
  return read<ErasureRequestView>(`/erasure-requests/${encodeURIComponent(id)}/approve`, {
    base: AUDIT,
    method: 'POST',
    body: {},
  });
}
