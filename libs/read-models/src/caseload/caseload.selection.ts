import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { CaseloadQuery } from '../dashboard/dashboard.contract';
import { READ_MODELS } from '../database/read-models.data-source';
import { ViewerReferences } from '../viewer/viewer-references';
import { CaseloadClientEntity } from './caseload-client.entity';
import {
  filterOf,
  Parameters,
  sortValue,
  type CaseloadSelectionScope,
} from './caseload-selection.sql';

export interface SelectedPage {
  /** How many clients match the filter. */
  total: number;
  /** The page's clients, in order. */
  clients: CaseloadClientEntity[];
}

const DEFAULT_LIMIT = 50;

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
