import type { DataCategory } from '@samenloop/domain';
import type { CaseloadQuery, SignalRule } from '@samenloop/contracts';
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
const REFERENCE = `COALESCE(m.reference, (
  SELECT r.reference FROM client_references r
  WHERE r.client_id = m.client_id AND r.partner_id = ${PARTNER}
  ORDER BY r.origin = 'own' DESC, r.created_at DESC, r.reference LIMIT 1)) COLLATE caseload_reference`;

/** The member `m`'s flags hold at the request's time (the job judged it, and nothing passed since). */
export function judged(parameters: Parameters): string {
  const now = parameters.nowParameter();
  return `(m.signals_from < ${now} AND ${now} < m.signals_until)`;
}

/** The rows a request judges itself; in this form the windows' indexes find them. */
export function unjudged(parameters: Parameters): string {
  const now = parameters.nowParameter();
  return `(m.signals_from >= ${now} OR m.signals_until <= ${now})`;
}

/** Which of the partner's clients the query asks for; the caseload member is `m`. */
export function filterOf(
  parameters: Parameters,
  { categories }: CaseloadSelectionScope,
  query: CaseloadQuery,
): string {
  const where = [`m.partner_id = ${PARTNER}`];
  if (query.scope === 'mine') where.push('m.led');
  if (query.status) where.push(`m.status = ${parameters.bind(query.status)}`);
  if (query.signal) where.push(signalHolds(parameters, query.signal, categories, true));
  const search = query.search?.trim().toLowerCase();
  if (search) where.push(`strpos(lower(${REFERENCE}), ${parameters.bind(search)}) > 0`);
  return where.join(' AND ');
}

function visibleRules(categories: ReadonlySet<DataCategory>): SignalRule[] {
  return (Object.keys(SIGNAL_PERIODS_COLUMN) as SignalRule[]).filter((rule) =>
    categories.has(SIGNAL_CATEGORY[rule]),
  );
}

/**
 * A sort whose value most rows keep in an index (`indexed`, in its order as far as a page
 * reaches), and the rest, whose value the request works out: the two merge into the page.
 */
export interface SplitSort {
  indexed: { where: string; value: string };
  rest: { where: string };
}

/** How the sort splits, where an index serves most of the partner's rows. */
export function splitSort(
  parameters: Parameters,
  sort: NonNullable<CaseloadQuery['sort']>,
  categories: ReadonlySet<DataCategory>,
): SplitSort | undefined {
  // The stored count is the count where the viewer sees every rule and the job's flags hold.
  if (sort === 'signals' && visibleRules(categories).length === RULE_COUNT) {
    return {
      indexed: { where: judged(parameters), value: 'm.signal_count' },
      rest: { where: unjudged(parameters) },
    };
  }
  if (sort === 'reference') {
    return {
      indexed: {
        where: 'm.reference IS NOT NULL',
        value: 'm.reference COLLATE caseload_reference',
      },
      rest: { where: 'm.reference IS NULL' },
    };
  }
  return undefined;
}

const RULE_COUNT = Object.keys(SIGNAL_PERIODS_COLUMN).length;

/**
 * A signal the viewer may not see holds for none of its clients. Where the job's flags hold at
 * the request's time they say; elsewhere the periods do, `@> now`. `filtering`: in the form whose
 * arms the signal's partial index and the windows' indexes serve.
 */
function signalHolds(
  parameters: Parameters,
  rule: SignalRule,
  categories: ReadonlySet<DataCategory>,
  filtering = false,
): string {
  if (!categories.has(SIGNAL_CATEGORY[rule])) return 'false';
  const { column, flag } = SIGNAL_PERIODS_COLUMN[rule];
  const live = `m.${column} @> ${parameters.nowParameter()}`;
  return filtering
    ? `((m.${flag} AND ${judged(parameters)}) OR (${unjudged(parameters)} AND ${live}))`
    : `CASE WHEN ${judged(parameters)} THEN m.${flag} ELSE ${live} END`;
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
      return categories.has('contact') ? 'm.last_contact_at' : UNSEEN;
    case 'currentRung':
      return categories.has('assessment') ? 'm.current_rung' : UNSEEN;
    case 'signals': {
      const counted = visibleRules(categories).map(
        (rule) => `(${signalHolds(parameters, rule, categories)})::int`,
      );
      return counted.length === 0 ? UNSEEN : counted.join(' + ');
    }
    case 'openReferrals':
      return categories.has('referral') ? 'm.open_referrals' : UNSEEN;
  }
}
