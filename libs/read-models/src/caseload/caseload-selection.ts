import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
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

export interface SelectedPage {
  /** How many clients match the filter. */
  total: number;
  /** The page's clients, in order. */
  clients: CaseloadClientEntity[];
}

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
    const [selected]: { total: string; ids: string[] }[] = await this.clients.query(
      `SELECT (SELECT count(*) FROM read_caseload_members m WHERE ${where}) AS total,
              ARRAY(${ordered})::text[] AS ids`,
      parameters.values,
    );
    const { total, ids } = selected!;
    if (ids.length === 0) return { total: Number(total), clients: [] };
    const byId = new Map(
      (await this.clients.findBy({ clientId: In(ids) })).map((client) => [client.clientId, client]),
    );
    return { total: Number(total), clients: ids.map((id) => byId.get(id)!) };
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
