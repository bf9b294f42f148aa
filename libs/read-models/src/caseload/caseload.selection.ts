import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DataCategory } from '@samenloop/domain';
import { In, type Repository } from 'typeorm';
import type { CaseloadQuery, SignalRule } from '../dashboard/dashboard.contract';
import { READ_MODELS } from '../database/read-models.data-source';
import { SIGNAL_CATEGORY } from '../signals/signal.view';
import { ViewerReferences } from '../viewer/viewer-references';
import { CaseloadClientEntity } from './caseload-client.entity';
import { SIGNAL_PERIODS_COLUMN } from './caseload-signal-periods';

export interface CaseloadSelectionScope {
  partnerId: string;
  categories: ReadonlySet<DataCategory>;
  now: Date;
}

export interface SelectedPage {
  /** How many clients match the filter. */
  total: number;
  /** The page's clients, in order. */
  clients: CaseloadClientEntity[];
}

const DEFAULT_LIMIT = 50;

/** $1 in every statement. */
const PARTNER = '$1';

/** A statement's parameters, bound in the order the text names them. */
class Parameters {
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

/** The latest rung the partner may count (see `ClientFactsReader.ladderSteps`). */
const CURRENT_RUNG = `(
  SELECT l.rung FROM read_ladder_steps l
  WHERE l.client_id = c.client_id AND (l.audience IS NULL OR ${PARTNER} = ANY(l.audience))
  ORDER BY l.at DESC, l.position DESC LIMIT 1)`;

/**
 * Filters, sorts and pages a case lead's caseload in PostgreSQL, at the request's time: a signal
 * holds when its stored periods contain `now`, and only the signals and figures the viewer's
 * agreement lets it see take part. Missing values sort last whichever the order; ties go by
 * client id.
 */
@Injectable()
export class CaseloadSelection {
  constructor(
    @InjectRepository(CaseloadClientEntity, READ_MODELS)
    private readonly clients: Repository<CaseloadClientEntity>,
    private readonly references: ViewerReferences,
  ) {}

  async page(scope: CaseloadSelectionScope, query: CaseloadQuery): Promise<SelectedPage> {
    const sort = query.sort ?? 'signals';
    if (query.search?.trim() || sort === 'reference')
      await this.registerPseudonyms(scope.partnerId);
    const parameters = new Parameters(scope);
    const where = filterOf(parameters, scope, query);
    const descending = (query.order ?? (sort === 'reference' ? 'asc' : 'desc')) === 'desc';
    const orderBy = sortValue(parameters, sort, scope.categories);
    const rows: { client_id: string; total: string }[] = await this.clients.query(
      `SELECT c.client_id, count(*) OVER () AS total FROM read_caseload c WHERE ${where}
       ORDER BY ${orderBy} ${descending ? 'DESC' : 'ASC'} NULLS LAST, c.client_id
       LIMIT ${parameters.bind(query.limit ?? DEFAULT_LIMIT)}
       OFFSET ${parameters.bind(query.offset ?? 0)}`,
      parameters.values,
    );
    if (rows.length === 0) return { total: await this.count(scope, query), clients: [] };
    const ids = rows.map(({ client_id }) => client_id);
    const byId = new Map(
      (await this.clients.findBy({ clientId: In(ids) })).map((client) => [client.clientId, client]),
    );
    return { total: Number(rows[0]!.total), clients: ids.map((id) => byId.get(id)!) };
  }

  /** For a page past the last one, where the window count had no row to ride on. */
  private async count(scope: CaseloadSelectionScope, query: CaseloadQuery): Promise<number> {
    const parameters = new Parameters(scope);
    const where = filterOf(parameters, scope, query);
    const [{ total }] = await this.clients.query(
      `SELECT count(*) AS total FROM read_caseload c WHERE ${where}`,
      parameters.values,
    );
    return Number(total);
  }

  /**
   * Sorting or searching by reference needs every client's reference in the database: a client
   * the partner has no reference for yet gets its pseudonym recorded, once.
   */
  private async registerPseudonyms(partnerId: string): Promise<void> {
    const unnamed: { client_id: string }[] = await this.clients.query(
      `SELECT c.client_id FROM read_caseload c
       WHERE c.involved @> ARRAY[$1]::text[] AND NOT c.own_references ? $1
         AND NOT EXISTS (
           SELECT 1 FROM client_references r WHERE r.client_id = c.client_id AND r.partner_id = $1)`,
      [partnerId],
    );
    await this.references.of(
      partnerId,
      unnamed.map(({ client_id }) => ({ clientId: client_id, ownReferences: {} })),
    );
  }
}

function filterOf(
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

function sortValue(
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
