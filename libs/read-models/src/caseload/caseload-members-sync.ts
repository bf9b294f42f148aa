import type { WriteStatement } from '../projection/write-statement';
import type { CaseStep } from '../projection/case-step';
import { SIGNAL_PERIODS_COLUMN } from './caseload-signal-periods';

const RULES = Object.values(SIGNAL_PERIODS_COLUMN);
const PERIODS = RULES.map(({ column }) => column);

/** Figures the caseload row gives each involved partner `p`, as `read_caseload_members` keeps them. */
const FIGURES: Readonly<Record<string, string>> = {
  status: 'c.status',
  led: 'c.lead_partner IS NOT DISTINCT FROM p.partner_id',
  reference: 'c.own_references ->> p.partner_id',
  current_rung: 'COALESCE((c.audience_rungs ->> p.partner_id)::smallint, c.open_rung)',
  last_contact_at: 'c.last_contact_at',
  open_referrals: 'c.open_referrals',
  ...Object.fromEntries(PERIODS.map((column) => [column, `c.${column}`])),
};

/** Until the job looks: no time inside the window, so every request judges the periods itself. */
const UNJUDGED: Readonly<Record<string, string>> = {
  signals_from: `'infinity'`,
  signals_until: `'-infinity'`,
  ...Object.fromEntries(RULES.map(({ flag }) => [flag, 'false'])),
  signal_count: '0',
};

const samePeriods = PERIODS.map((column) => `m.${column} = EXCLUDED.${column}`).join(' AND ');

/** A caseload member to remove: a partner no longer involved with the client. */
export interface LeftMember {
  partnerId: string;
  clientId: string;
}

/**
 * The members a batch's steps remove: partners involved with a client before one of its steps
 * and no longer after its last. The caseload row's `involved` is the case's, so this is exactly
 * what the members held beyond the row after the batch, found without reading them.
 */
export function leftMembers(steps: readonly CaseStep[]): LeftMember[] {
  const involvedBefore = new Map<string, Set<string>>();
  const lastOf = new Map<string, CaseStep>();
  for (const step of steps) {
    const was = involvedBefore.get(step.clientId) ?? new Set<string>();
    if (step.before.enrolled) for (const partnerId of step.before.involved) was.add(partnerId);
    involvedBefore.set(step.clientId, was);
    lastOf.set(step.clientId, step);
  }
  const left: LeftMember[] = [];
  for (const [clientId, was] of involvedBefore) {
    const { after } = lastOf.get(clientId)!;
    for (const partnerId of was) {
      if (!(after.enrolled && after.involved.has(partnerId))) left.push({ partnerId, clientId });
    }
  }
  return left;
}

/**
 * The statements that write the caseload members of these clients from their caseload rows, in the
 * projection's transaction after those rows: one row per involved partner, and remove those that
 * `left` names. Flags the job judged stay while the periods they were judged on stay.
 */
export function caseloadMembersWrite(
  clientIds: readonly string[],
  left: readonly LeftMember[],
): WriteStatement[] {
  if (clientIds.length === 0) return [];
  const statements: WriteStatement[] = [];
  if (left.length > 0) {
    statements.push({
      text: `DELETE FROM read_caseload_members
       WHERE (partner_id, client_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
      values: [left.map(({ partnerId }) => partnerId), left.map(({ clientId }) => clientId)],
    });
  }
  const columns = { ...FIGURES, ...UNJUDGED };
  const names = Object.keys(columns);
  const kept = Object.keys(UNJUDGED).map(
    (column) => `${column} = CASE WHEN ${samePeriods} THEN m.${column} ELSE EXCLUDED.${column} END`,
  );
  statements.push({
    text: `INSERT INTO read_caseload_members AS m (partner_id, client_id, ${names.join(', ')})
     SELECT p.partner_id, c.client_id, ${Object.values(columns).join(', ')}
     FROM read_caseload c CROSS JOIN LATERAL unnest(c.involved) AS p (partner_id)
     WHERE c.client_id = ANY($1::uuid[])
     ON CONFLICT (partner_id, client_id) DO UPDATE SET
       ${[...kept, ...Object.keys(FIGURES).map((column) => `${column} = EXCLUDED.${column}`)].join(', ')}`,
    values: [clientIds],
  });
  return statements;
}
