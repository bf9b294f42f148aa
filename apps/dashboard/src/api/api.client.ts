import type {
  CaseloadPage,
  CaseloadQuery,
  ClientDetail,
  Outcomes,
  OutcomesQuery,
  SessionView,
  SignInRequest,
  TimelinePage,
} from './contract';

export type Lang = 'nl' | 'en';

/** An RFC 9457 problem document as the hub answers it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

/** A failed call: the HTTP status (0 when the hub could not be reached) and its problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

const API = '/v1/dashboard';

export type Query = Record<string, string | number | undefined>;

export interface Call {
  method?: 'GET' | 'POST' | 'DELETE';
  /** The API the path is under: the dashboard's unless told. */
  base?: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

let onUnauthorized: (() => void) | undefined;

/** Called when a data call answers 401: the session ended (expired, or signed out elsewhere). */
export function whenUnauthorized(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export function url(path: string, query: Query = {}, base = API): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `${base}${path}${text ? `?${text}` : ''}`;
}

async function call<T>(
  path: string,
  { method = 'GET', base, query, body, signal }: Call,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url(path, query, base), {
      method,
      signal,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, undefined);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, json as Problem | undefined);
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A data call: a 401 means the session is gone, so the page returns to signing in. */
export async function read<T>(path: string, request: Call): Promise<T> {
  try {
    return await call<T>(path, request);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) onUnauthorized?.();
    throw error;
  }
}

/** The current session, or null when signed out. */
export async function getSession(lang: Lang): Promise<SessionView | null> {
  try {
    return await call<SessionView>('/session', { query: { lang } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function signIn(credentials: SignInRequest, lang: Lang): Promise<SessionView> {
  return call<SessionView>('/session', { method: 'POST', body: credentials, query: { lang } });
}

export function signOut(): Promise<void> {
  return call<void>('/session', { method: 'DELETE' });
}

export function getCaseload(
  query: CaseloadQuery,
  lang: Lang,
  signal?: AbortSignal,
): Promise<CaseloadPage> {
  return read<CaseloadPage>('/caseload', { query: { ...query, lang }, signal });
}

export function getClient(
  reference: string,
  lang: Lang,
  signal?: AbortSignal,
): Promise<ClientDetail> {
  return read<ClientDetail>(`/clients/${encodeURIComponent(reference)}`, {
    query: { lang },
    signal,
  });
}

export function getTimeline(
  reference: string,
  lang: Lang,
  signal?: AbortSignal,
): Promise<TimelinePage> {
  return read<TimelinePage>(`/clients/${encodeURIComponent(reference)}/timeline`, {
    query: { lang },
    signal,
  });
}

/** Numbers only, so no `lang` (the endpoint refuses query parameters it does not know). */
export function getOutcomes(query: OutcomesQuery, signal?: AbortSignal): Promise<Outcomes> {
  return read<Outcomes>('/outcomes', { query: { ...query }, signal });
}
