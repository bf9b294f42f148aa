import { createHash, randomBytes } from 'node:crypto';
import { AuditModule, type AuditModuleOptions } from '@samenloop/audit';
import { AuditorSignInModule } from '@samenloop/identity';
import { Pool } from 'pg';
import type { HubHarness } from './hub-harness';

/**
 * A dashboard session opened straight in the read models' table, as signing in at
 * POST /v1/dashboard/session would (read-models-auth.e2e-spec covers that); the headers that send
 * its cookie. The audit API admits it when `role` is `auditor`.
 */
export async function sessionHeaders(
  hub: HubHarness,
  username: string,
  role: 'auditor' | 'admin' | 'case-lead' = 'auditor',
): Promise<Record<string, string>> {
  return { cookie: `samenloop_session=${await openSession(hub.app.get(Pool), username, role)}` };
}

/** The token of a new one-hour session for `username` in the database behind `pool`. */
export async function openSession(
  pool: Pool,
  username: string,
  role: 'auditor' | 'admin' | 'case-lead' = 'auditor',
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await pool.query(
    `INSERT INTO dashboard_sessions
         (token_hash, username, display_name, role, partner_id, created_at, expires_at)
       VALUES ($1, $2, $2, $3, $4, now(), now() + interval '1 hour')`,
    [
      createHash('sha256').update(token).digest('hex'),
      username,
      role,
      role === 'case-lead' ? 'some-partner' : null,
    ],
  );
  return token;
}

/** The audit with the hub's auditor sign-in, workers off unless `options` say otherwise. */
export function auditBehindSignIn(options: Omit<AuditModuleOptions, 'auditorSignIn'> = {}) {
  return AuditModule.forRoot({
    auditorSignIn: AuditorSignInModule,
    settings: { workers: false },
    ...options,
  });
}
