import type { Viewer } from './viewer';

/** The parts of a Fastify request the dashboard's authentication reads. */
export interface DashboardRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  protocol?: string;
  /** Set by the DashboardAuthGuard. */
  viewer?: Viewer;
}

/** The parts of a Fastify reply the dashboard's authentication writes. */
export interface DashboardReply {
  header(name: string, value: string): unknown;
}

/**
 * Cookies go out Secure when the hub's public URL is https, or this request came over HTTPS
 * (Fastify's `protocol` believes X-Forwarded-Proto only from a TRUST_PROXY proxy).
 */
export function overHttps({ protocol }: DashboardRequest, publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https:') === true || protocol === 'https';
}
