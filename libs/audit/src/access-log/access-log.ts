import { Injectable } from '@nestjs/common';
import { inPoolTransaction } from '@samenloop/platform';
import { Pool } from 'pg';
import { AuditClock } from '../audit.clock';
import type { AccessLogEntry, RecordedAccess } from './access-log.entry';
import { accessEntryHash } from './access-log.hash';
import {
  ACCESS_LOG_COLUMNS,
  cursorAfter,
  pageQuery,
  pageSize,
  toRecordedAccess,
  type AccessLogFilter,
  type AccessLogPage,
  type AccessRow,
} from './access-log.query';
import { normaliseEntry, type NormalisedEntry } from './access-entry.rules';
import type { SqlExecutor } from './sql-executor';

export interface RecordOptions {
  /**
   * An open transaction of the caller's, so that the entries commit with its work (a delivery
   * batch with its checkpoint). The chain's head stays locked until that transaction ends: keep
   * it short.
   */
  within?: SqlExecutor;
}

/**
 * The append-only, hash-chained access log. Every append takes the single head row's lock, so
 * entries get gapless numbers and each links to the one before, however many processes write.
 */
@Injectable()
export class AccessLog {
  constructor(
    private readonly pool: Pool,
    private readonly clock: AuditClock,
  ) {}

  async record(entry: AccessLogEntry, options: RecordOptions = {}): Promise<RecordedAccess> {
    const [recorded] = await this.recordAll([entry], options);
    return recorded!;
  }

  /** Appends the entries in order, all or none. */
  async recordAll(
    entries: readonly AccessLogEntry[],
    options: RecordOptions = {},
  ): Promise<RecordedAccess[]> {
    if (entries.length === 0) return [];
    const now = this.clock.now();
    const normalised = entries.map((entry) => normaliseEntry(entry, now));
    if (options.within) return this.append(options.within, normalised);
    return inPoolTransaction(this.pool, (client) => this.append(client, normalised));
  }

  async query(filter: AccessLogFilter = {}): Promise<AccessLogPage> {
    const { sql, parameters } = pageQuery(filter);
    const { rows } = await this.pool.query<AccessRow>(sql, parameters);
    const entries = rows.slice(0, pageSize(filter)).map(toRecordedAccess);
    const more = rows.length > entries.length;
    return more ? { entries, next: cursorAfter(entries.at(-1)!) } : { entries };
  }

  /** Every entry about one client, in chronological order (for the subject access export). */
  async forClient(clientId: string): Promise<RecordedAccess[]> {
    const { rows } = await this.pool.query<AccessRow>(
      `SELECT ${ACCESS_LOG_COLUMNS} FROM access_log WHERE client_id = $1 ORDER BY occurred_at, seq`,
      [clientId],
    );
    return rows.map(toRecordedAccess);
  }

  private async append(db: SqlExecutor, entries: NormalisedEntry[]): Promise<RecordedAccess[]> {
    const { rows } = await db.query<{ seq: string; last_hash: string | null }>(
      'SELECT seq, last_hash FROM access_log_head FOR UPDATE',
    );
    if (!rows[0]) throw new Error('the access log head row is missing: are the migrations run?');
    let seq = Number(rows[0].seq);
    let previousHash = rows[0].last_hash;
    const chained = entries.map((entry) => {
      seq += 1;
      const hash = accessEntryHash({ ...entry, seq, previousHash });
      const link = { ...entry, seq, hash, previousHash };
      previousHash = hash;
      return link;
    });
    const column = <K extends keyof (typeof chained)[number]>(key: K) => chained.map((e) => e[key]);
    await db.query(
      `INSERT INTO access_log (seq, entry_id, occurred_at, action, client_id, user_id, on_behalf_of,
         partner_id, access_point, origin, authorisation, emergency, detail, hash, previous_hash)
       SELECT seq, entry_id, occurred_at, action, client_id, user_id, on_behalf_of, partner_id,
         access_point, origin, authorisation::json, emergency, detail::json, hash, previous_hash
       FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::uuid[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[],
         $14::text[], $15::text[])
         AS e(seq, entry_id, occurred_at, action, client_id, user_id, on_behalf_of, partner_id,
           access_point, origin, authorisation, emergency, detail, hash, previous_hash)`,
      [
        column('seq'),
        column('id'),
        column('occurredAt'),
        column('action'),
        column('clientId'),
        column('user'),
        column('onBehalfOf'),
        column('partnerId'),
        column('accessPoint'),
        column('origin'),
        column('authorisationJson'),
        column('emergency'),
        column('detailJson'),
        column('hash'),
        column('previousHash'),
      ],
    );
    await db.query('UPDATE access_log_head SET seq = $1, last_hash = $2', [seq, previousHash]);
    return chained.map((entry) => ({
      seq: entry.seq,
      id: entry.id,
      occurredAt: entry.occurredAt.toISOString(),
      action: entry.action,
      clientId: entry.clientId,
      user: entry.user,
      onBehalfOf: entry.onBehalfOf,
      partnerId: entry.partnerId,
      accessPoint: entry.accessPoint,
      origin: entry.origin,
      authorisation: JSON.parse(entry.authorisationJson) as RecordedAccess['authorisation'],
      emergency: entry.emergency,
      detail: entry.detailJson === null ? null : (JSON.parse(entry.detailJson) as never),
      hash: entry.hash,
      previousHash: entry.previousHash,
    }));
  }
}
