import type { AccessLogEntry } from '@samenloop/privacy';
import type { AuditorAtOrigin } from './current-auditor.decorator';

/** What one call of the audit API did, as its access-log entry says. */
export type AuditorAct = Pick<AccessLogEntry, 'action' | 'clientId' | 'accessPoint' | 'detail'>;

/** The access-log entry for one auditor call: every call of the audit API is itself logged. */
export function auditorAccess(auditor: AuditorAtOrigin, act: AuditorAct): AccessLogEntry {
  return {
    ...act,
    user: auditor.user,
    ...(auditor.onBehalfOf === undefined ? {} : { onBehalfOf: auditor.onBehalfOf }),
    origin: auditor.origin,
    authorisation: { basis: 'role', reference: 'auditor' },
  };
}
