import type { ClientCaseEvent, ContactOutcome } from '@samenloop/domain';
import type { CaseStep } from '../projection/case-step';
import type { Projection } from '../projection/projection';
import { prepareRowFold, type RowFold } from '../projection/row-fold';
import { signalPeriods } from '../signals/signal-periods';
import { CaseloadClientEntity } from './caseload-client.entity';
import { CaseloadMemberEntity } from './caseload-member.entity';
import { caseloadMembersWrite, leftMembers } from './caseload-members-sync';
import { currentRungs, ladderAfter } from './caseload-ladder';
import {
  recentVisitsAfter,
  storedSignalFacts,
  unansweredReferralsAfter,
} from './caseload-signal-facts';
import { periodsColumns, type PeriodsProperty } from './caseload-signal-periods';

/**
 * Outcomes of an attempt that reached the client, even one who declined: what counts as contact
 * for "attempts since the last contact" and the contact signals.
 */
export const REACHING_OUTCOMES: readonly ContactOutcome[] = [
  'reached',
  'appointment-made',
  'declined',
];

type Contacts = Pick<CaseloadClientEntity, 'lastContactAt' | 'attemptsSinceContact'>;

/** Contact facts by when they happened, so that a late-arriving report lands in its place. */
function contactsAfter(previous: Contacts | undefined, event: ClientCaseEvent): Contacts {
  let lastContactAt = previous?.lastContactAt ?? null;
  let attempts = previous?.attemptsSinceContact ?? [];
  const at = new Date(event.occurredAt);
  const reached =
    event.type === 'nl.samenloop.visit-held.v1' ||
    (event.type === 'nl.samenloop.contact-attempted.v1' &&
      REACHING_OUTCOMES.includes(event.data.outcome));
  const after = (time: Date) => lastContactAt === null || time > lastContactAt;
  if (reached) {
    if (after(at)) lastContactAt = at;
    attempts = attempts.filter(after);
  } else if (event.type === 'nl.samenloop.contact-attempted.v1' && after(at)) {
    attempts = [...attempts, at].sort((a, b) => a.getTime() - b.getTime());
  }
  return { lastContactAt, attemptsSinceContact: attempts };
}

/** The partners' own references: the enrolment's subject, a linked one, a signaller's subject. */
function ownReferencesAfter(
  previous: Record<string, string>,
  { event, subject }: CaseStep,
): Record<string, string> {
  const own = (reference: string | undefined) =>
    reference === undefined ? previous : { ...previous, [event.partnerId]: reference };
  switch (event.type) {
    case 'nl.samenloop.client-enrolled.v1':
      return own(event.data.reference);
    case 'nl.samenloop.client-reference-linked.v1':
      return own(event.data.reference);
    case 'nl.samenloop.involvement-signalled.v1':
      return own(subject);
    default:
      return previous;
  }
}

/** A caseload row's facts: what the row keeps but its signals' periods. */
export type CaseloadFacts = Omit<CaseloadClientEntity, PeriodsProperty>;

export const caseloadFold: RowFold<CaseloadClientEntity, CaseloadFacts> = {
  entity: CaseloadClientEntity,
  key: ['clientId'],
  fold(rows, step) {
    const { after, event } = step;
    if (!after.enrolled) return [];
    const [previous] = rows.values();
    const sealed =
      event.type === 'nl.samenloop.client-enrolled.v1'
        ? event.data.person.sealed
        : (previous?.personSealed ?? null);
    const ladder = ladderAfter(previous?.ladder ?? [], step);
    const open = [...after.referrals.values()].filter(
      ({ status }) => status === 'made' || status === 'accepted',
    );
    const row: CaseloadFacts = {
      clientId: step.clientId,
      municipality: after.municipality,
      enrollingPartner: after.enrollingPartner,
      enrolledAt: new Date(after.enrolledAt),
      status: after.erased ? 'erased' : after.status,
      leadPartner: after.lead?.partner ?? null,
      leadActor: after.lead?.actor ?? null,
      involved: [...after.involved].sort(),
      unconfirmed: [...after.unconfirmed].sort(),
      ownReferences: ownReferencesAfter(previous?.ownReferences ?? {}, step),
      personSealed: after.erased ? null : sealed,
      openReferrals: open.length,
      ...contactsAfter(previous, event),
      ladder,
      ...currentRungs(ladder),
      unansweredReferrals: unansweredReferralsAfter(previous?.unansweredReferrals ?? {}, step),
      recentVisits: recentVisitsAfter(previous?.recentVisits ?? [], step),
      position: step.position,
    };
    return [row];
  },
  complete: (facts) => ({ ...facts, ...periodsColumns(signalPeriods(storedSignalFacts(facts))) }),
};

/**
 * Per client: status, lead, involved partners (and whose match awaits confirmation), references,
 * open referrals, the current rung each partner may count, the facts the signals are judged on and
 * when each signal holds; and per involved partner, those figures as it sorts and filters them
 * (version 4).
 */
export const caseloadProjection: Projection = {
  name: 'caseload',
  version: 4,
  entities: [CaseloadClientEntity, CaseloadMemberEntity],
  prepare: async (steps, manager) => {
    const clients = await prepareRowFold(caseloadFold, steps, manager);
    const clientIds = [...new Set(steps.map(({ clientId }) => clientId))];
    return [...clients, ...caseloadMembersWrite(clientIds, leftMembers(steps))];
  },
};
