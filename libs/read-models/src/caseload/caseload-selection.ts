import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CaseloadQuery } from '@samenloop/contracts';
import { READ_MODELS } from '../database/read-models-data-source';
import { ViewerReferences } from '../viewer/viewer-references';
import { CaseloadClientEntity } from './caseload-client.entity';
import {
  filterOf,
  Parameters,
  sortValue,
  splitSort,
  type CaseloadSelectionScope,
} from './caseload-selection-sql';

/** What a caseload page shows of each client: its row without the columns kept for filtering. */
const PAGE_FIELDS = [
  'clientId',
  'status',
  'enrolledAt',
  'leadPartner',
  'leadActor',
  'involved',
  'unconfirmed',
  'ownReferences',
  'personSealed',
  'openReferrals',
  'lastContactAt',
  'attemptsSinceContact',
  'ladder',
  'unansweredReferrals',
  'recentVisits',
] as const satisfies readonly (keyof CaseloadClientEntity)[];

export type CaseloadPageClient = Pick<CaseloadClientEntity, (typeof PAGE_FIELDS)[number]>;

export interface SelectedPage {
  /** How many clients match the filter. */
  total: number;
  /** The page's clients, in order. */
  clients: CaseloadPageClient[];
}

type PageRow = { total: string } & (CaseloadPageClient | { clientId: null });

const DEFAULT_LIMIT = 50;

/**
 * Filters, sorts and pages a case lead's caseload in PostgreSQL, at the request's time, over the
 * partner's caseload members (`read_caseload_members`): narrow rows whose indexes give each sort's
 * default order, so that a page is read off an index. A signal holds by the member's flag where
 * the job's window holds the request's time, else by its stored periods (`@> now`); only the
 * signals and figures the viewer's agreement lets it see take part. Missing values sort last
 * whichever the order; ties go by client id.
 */
@Injectable()
export class CaseloadSelection {
  private readonly selectedColumns: string;

  constructor(
    @InjectRepository(CaseloadClientEntity, READ_MODELS)
    private readonly clients: Repository<CaseloadClientEntity>,
    private readonly references: ViewerReferences,
  ) {
    // The entity's own column names: none of these fields has a transformer, so raw rows fit.
    this.selectedColumns = PAGE_FIELDS.map(
      (field) =>
        `c.${clients.metadata.findColumnWithPropertyName(field)!.databaseName} AS "${field}"`,
    ).join(', ');
  }

  async page(scope: CaseloadSelectionScope, query: CaseloadQuery): Promise<SelectedPage> {
    const sort = query.sort ?? 'signals';
    if (query.search?.trim() || sort === 'reference')
      await this.registerPseudonyms(scope.partnerId);
    const parameters = new Parameters(scope);
    const where = filterOf(parameters, scope, query);
    const direction = (query.order ?? (sort === 'reference' ? 'asc' : 'desc')).toUpperCase();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const value = sortValue(parameters, sort, scope.categories);
    const bounds = `LIMIT ${parameters.bind(limit)} OFFSET ${parameters.bind(offset)}`;
    const split = splitSort(parameters, sort, scope.categories);
    const ordered = split
      ? // The indexed rows in the index's order as far as the page reaches, merged with the rest.
        `SELECT client_id FROM (
           (SELECT m.client_id, ${split.indexed.value} AS value FROM read_caseload_members m
            WHERE ${where} AND ${split.indexed.where}
            ORDER BY ${split.indexed.value} ${direction}, m.client_id
            LIMIT ${parameters.bind(offset + limit)})
           UNION ALL
           (SELECT m.client_id, ${value} AS value FROM read_caseload_members m
            WHERE ${where} AND ${split.rest.where})
         ) candidates ORDER BY value ${direction} NULLS LAST, client_id ${bounds}`
      : `SELECT m.client_id FROM read_caseload_members m WHERE ${where}
         ORDER BY ${value} ${direction} NULLS LAST, m.client_id ${bounds}`;
    // The count and the page's rows in one round trip; with no client on the page, one row of
    // the count alone.
    const rows: PageRow[] = await this.clients.query(
      `WITH selected AS (
         SELECT (SELECT count(*) FROM read_caseload_members m WHERE ${where}) AS total,
                ARRAY(${ordered})::uuid[] AS ids)
       SELECT selected.total, ${this.selectedColumns}
       FROM selected
       LEFT JOIN LATERAL unnest(selected.ids) WITH ORDINALITY AS page (client_id, n) ON true
       LEFT JOIN read_caseload c ON c.client_id = page.client_id
       ORDER BY page.n`,
      parameters.values,
    );
    return {
      total: Number(rows[0]!.total),
      clients: rows.flatMap(({ total: _total, ...client }) =>
        client.clientId === null ? [] : [client],
      ),
    };
  }

  /**
   * Sorting or searching by reference needs every client's reference in the database: a client
   * the partner has no reference for yet gets its pseudonym recorded, once.
   */
  private async registerPseudonyms(partnerId: string): Promise<void> {
    const unnamed: { client_id: string }[] = await this.clients.query(
      `SELECT m.client_id FROM read_caseload_members m
       WHERE m.partner_id = $1 AND m.reference IS NULL
         AND NOT EXISTS (
           SELECT 1 FROM client_references r WHERE r.client_id = m.client_id AND r.partner_id = $1)`,
      [partnerId],
    );
    await this.references.of(
      partnerId,
      unnamed.map(({ client_id }) => ({ clientId: client_id, ownReferences: {} })),
    );
  }
}
