import type { Viewer } from '../viewer/viewer';

/** The parts of a Fastify request the dashboard's authentication reads. */
export interface DashboardRequest {
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

export function overHttps({ protocol, headers }: DashboardRequest): boolean {
  return protocol === 'https' || headers['x-forwarded-proto'] === 'https';
}
