import type { PartnerKind } from '@samenloop/domain';
import type { Role, SessionView } from '@samenloop/contracts';

/** The signed-in professional a dashboard request is made by. */
export interface Viewer {
  username: string;
  displayName: string;
  role: Role;
  /** A case lead's partner; absent for hub-wide auditors and admins. */
  partner?: { id: string; kind: PartnerKind; name: string };
}

/** A case lead: the only role that reads client data, always on behalf of its partner. */
export type CaseLead = Viewer & { role: 'case-lead'; partner: NonNullable<Viewer['partner']> };

export function sessionViewOf({ username, displayName, role, partner }: Viewer): SessionView {
  return { user: username, displayName, role, ...(partner ? { partner: { ...partner } } : {}) };
}
