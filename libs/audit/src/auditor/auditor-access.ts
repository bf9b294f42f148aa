import type { AccessLogEntry, AuditorPrincipal } from '@samenloop/privacy';

/** The access-log entry for one auditor read: every read of the audit API is itself logged. */
export function auditorAccess(
  auditor: AuditorPrincipal,
  read: Pick<AccessLogEntry, 'action' | 'clientId' | 'accessPoint' | 'origin' | 'detail'>,
): AccessLogEntry {
  return {
    ...read,
    user: auditor.user,
    ...(auditor.onBehalfOf === undefined ? {} : { onBehalfOf: auditor.onBehalfOf }),
    authorisation: { basis: 'role', reference: 'auditor' },
  };
}
