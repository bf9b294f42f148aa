import type { DataCategory } from '@samenloop/domain';
import type { CaseloadQuery, SignalRule } from '../dashboard/dashboard.contract';
import { SIGNAL_CATEGORY } from '../signals/signal.view';
import { SIGNAL_PERIODS_COLUMN } from './caseload-signal-periods';

export interface CaseloadSelectionScope {
  partnerId: string;
  categories: ReadonlySet<DataCategory>;
  now: Date;
}

/** $1 in every statement. */
const PARTNER = '$1';

/** A statement's parameters, bound in the order the text names them. */
export class Parameters {
  readonly values: unknown[];
  private now?: string;

  constructor(private readonly scope: CaseloadSelectionScope) {
    this.values = [scope.partnerId];
  }

  bind(value: unknown): string {
    return `$${this.values.push(value)}`;
  }

  /** The request's time, bound once when first needed. */
  nowParameter(): string {
    this.now ??= `${this.bind(this.scope.now)}::timestamptz`;
    return this.now;
  }
}

/** What `ViewerReferences` shows the partner: its own reference, else the one registered. */
const REFERENCE = `COALESCE(c.own_references ->> ${PARTNER}, (
  SELECT r.reference FROM client_references r
  WHERE r.client_id = c.client_id AND r.partner_id = ${PARTNER}
  ORDER BY r.origin = 'own' DESC, r.created_at DESC, r.reference LIMIT 1)) COLLATE caseload_reference`;

/** The latest rung the partner may count (see `currentRungs`). */
const CURRENT_RUNG = `COALESCE((c.audience_rungs ->> ${PARTNER})::smallint, c.open_rung)`;

/** Which of the partner's clients the query asks for; the caseload row is `c`. */
export function filterOf(
  parameters: Parameters,
  { categories }: CaseloadSelectionScope,
  query: CaseloadQuery,
): string {
  const where = [`c.involved @> ARRAY[${PARTNER}]::text[]`];
  if (query.scope === 'mine') where.push(`c.lead_partner = ${PARTNER}`);
  if (query.status) where.push(`c.status = ${parameters.bind(query.status)}`);
  if (query.signal) where.push(signalHolds(parameters, query.signal, categories));
  const search = query.search?.trim().toLowerCase();
  if (search) where.push(`strpos(lower(${REFERENCE}), ${parameters.bind(search)}) > 0`);
  return where.join(' AND ');
}

function visibleRules(categories: ReadonlySet<DataCategory>): SignalRule[] {
  return (Object.keys(SIGNAL_PERIODS_COLUMN) as SignalRule[]).filter((rule) =>
    categories.has(SIGNAL_CATEGORY[rule]),
  );
}

/** A signal the viewer may not see holds for none of its clients. */
function signalHolds(
  parameters: Parameters,
  rule: SignalRule,
  categories: ReadonlySet<DataCategory>,
): string {
  if (!categories.has(SIGNAL_CATEGORY[rule])) return 'false';
  return `c.${SIGNAL_PERIODS_COLUMN[rule].column} @> ${parameters.nowParameter()}`;
}

/**
 * A figure the viewer may not see is the same for every client: the order is then by client id.
 * Typed, because PostgreSQL refuses a bare constant in ORDER BY.
 */
const UNSEEN = 'NULL::int';

export function sortValue(
  parameters: Parameters,
  sort: NonNullable<CaseloadQuery['sort']>,
  categories: ReadonlySet<DataCategory>,
): string {
  switch (sort) {
    case 'reference':
      return REFERENCE;
    case 'lastContactAt':
      return categories.has('contact') ? 'c.last_contact_at' : UNSEEN;
    case 'currentRung':
      return categories.has('assessment') ? CURRENT_RUNG : UNSEEN;
    case 'signals': {
      const counted = visibleRules(categories).map(
        (rule) => `(${signalHolds(parameters, rule, categories)})::int`,
      );
      return counted.length === 0 ? UNSEEN : counted.join(' + ');
    }
    case 'openReferrals':
      return categories.has('referral') ? 'c.open_referrals' : UNSEEN;
  }
}
