import { Injectable } from '@nestjs/common';
import { BatchFlusher, inPoolTransaction, type Settled } from '@samenloop/platform';
import { Pool } from 'pg';
import { Clock } from '../clock/clock';
import type { AccessLogEntry, RecordedAccess } from './access-log-entry';
import { appendAfter } from './access-log-appender';
import type { ChainHead } from './access-log-chain';
import {
  cursorAfter,
  pageQuery,
  pageSize,
  type AccessLogFilter,
  type AccessLogPage,
} from './access-log-query';
import { ACCESS_LOG_COLUMNS, toRecordedAccess, type AccessRow } from './access-log-row';
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

/** Most requests whose entries one statement appends. */
const MAX_REQUESTS_PER_BATCH = 100;

/** Statements a batch tries on its own before it takes the head's lock for a transaction. */
const UNLOCKED_ATTEMPTS = 3;

/**
 * The append-only, hash-chained access log. The entries of concurrent requests are appended
 * together, in one statement per batch (group commit): it moves the single head row past them only
 * if the head is still where the batch's chain starts, so entries get gapless numbers and each
 * links to the one before in one order, however many processes write. A request waits for its
 * batch's commit; no request holds the head's lock while another waits for it.
 */
@Injectable()
export class AccessLog {
  private readonly batches = new BatchFlusher<NormalisedEntry[], RecordedAccess[]>(
    (requests) => this.appendBatch(requests),
    { maxBatch: MAX_REQUESTS_PER_BATCH },
  );

  /**
   * The head as this process last saw it. Another process may have moved it since, or a caller's
   * transaction that moved it rolled back: then the next statement appends nothing and reports the
   * head, and the batch is chained again from there.
   */
  private head: ChainHead = { seq: 0, hash: null };

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async record(entry: AccessLogEntry, options: RecordOptions = {}): Promise<RecordedAccess> {
    const [recorded] = await this.recordAll([entry], options);
    return recorded!;
  }

  /** Appends the entries in order, all or none, and resolves once they are committed. */
  async recordAll(
    entries: readonly AccessLogEntry[],
    options: RecordOptions = {},
  ): Promise<RecordedAccess[]> {
    if (entries.length === 0) return [];
    const now = this.clock.now();
    const normalised = entries.map((entry) => normaliseEntry(entry, now));
    if (options.within) return this.appendLocked(options.within, normalised);
    return this.batches.submit(normalised);
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

  /** One statement for the requests' entries; a failure fails every request of the batch. */
  private async appendBatch(
    requests: readonly NormalisedEntry[][],
  ): Promise<Settled<RecordedAccess[]>[]> {
    const entries = requests.flat();
    const recorded =
      (await this.appendFromHead(this.pool, entries, UNLOCKED_ATTEMPTS)) ??
      // Other processes moved the head before each attempt: wait for the lock instead.
      (await inPoolTransaction(this.pool, (connection) => this.appendLocked(connection, entries)));
    let from = 0;
    return requests.map(({ length }) => ({
      ok: true,
      value: recorded.slice(from, (from += length)),
    }));
  }

  /**
   * Within a transaction: the first statement locks the head row until the transaction ends, even
   * when it finds the head moved, so the second one appends.
   */
  private async appendLocked(
    transaction: SqlExecutor,
    entries: readonly NormalisedEntry[],
  ): Promise<RecordedAccess[]> {
    const recorded = await this.appendFromHead(transaction, entries, 2);
    if (!recorded) throw new Error('the access log head moved while this transaction held it');
    return recorded;
  }

  /** Undefined when another writer moved the head before each of the attempts. */
  private async appendFromHead(
    db: SqlExecutor,
    entries: readonly NormalisedEntry[],
    attempts: number,
  ): Promise<RecordedAccess[] | undefined> {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const outcome = await appendAfter(db, this.head, entries);
      this.head = outcome.head;
      if (outcome.recorded) return outcome.recorded;
    }
    return undefined;
  }
}
