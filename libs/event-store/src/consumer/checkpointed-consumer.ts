import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LAG_COUNT_LIMIT, lagOf, workerLag, type WorkerLag } from '@samenloop/platform';
import type { Pool } from 'pg';
import type { EventStore, Position, RecordedEvent } from '../event-store.port';
import { batches } from './batches';

/**
 * One database connection, held for as long as the consumer leads. Plain `pg` clients are one
 * kind; an ORM's query runner wrapped to this shape is another, so its writes can share the
 * checkpoint's transaction.
 */
export interface SqlSession {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    parameters?: unknown[],
  ): Promise<{ rows: R[] }>;
  /** `broken`: the connection may be unusable (or still hold the lock) and must be discarded. */
  release(broken?: boolean): void;
}

/**
 * Sessions on a `pg` pool. Each listens for its connection's errors while checked out: a leader's
 * session sits idle between its queries, and a connection killed then (a server restart, a
 * failover) would otherwise raise an unhandled 'error' event and take the whole process down. The
 * next query on it fails instead, and the consumer resumes from its checkpoint.
 */
export function poolSessions(
  pool: Pool,
  onError: (error: Error) => void = () => undefined,
): () => Promise<SqlSession> {
  return async () => {
    const client = await pool.connect();
    client.on('error', onError);
    return {
      query: (sql, parameters) => client.query(sql, parameters),
      release: (broken) => {
        client.off('error', onError);
        client.release(broken);
      },
    };
  };
}

/** Handles one batch inside the transaction that also moves the checkpoint past it. */
export type BatchHandler<S extends SqlSession = SqlSession> = (
  events: RecordedEvent[],
  transaction: S,
) => Promise<void>;

export interface CheckpointedConsumerOptions<S extends SqlSession = SqlSession> {
  /** Unique per consumer: names its checkpoint and its leadership lock. */
  name: string;
  handle: BatchHandler<S>;
  types?: readonly string[];
  batchSize?: number;
  /** How long a started batch waits for more events before it is handled. */
  lingerMs?: number;
  /** How often a standby instance tries to take over. */
  standbyRetryMs?: number;
  log?: (line: string) => void;
}

export interface ConsumerStatus {
  name: string;
  leader: boolean;
  checkpoint: Position | null;
  lastError?: string;
}

/**
 * A catch-up subscription on the global log whose handler's writes and checkpoint commit in one
 * PostgreSQL transaction, so a crash neither loses nor repeats a batch. Of several instances with
 * the same name only one is active: it holds an advisory lock on its own connection, and a standby
 * takes over within `standbyRetryMs` once that connection is gone.
 */
export class CheckpointedConsumer<S extends SqlSession = SqlSession> {
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  private state: ConsumerStatus;
  private readonly lockKey: string;
  /** True until this instance holds the lock, and again once another instance holds it. */
  private standingBy = true;
  private untrack?: () => void;

  constructor(
    private readonly store: EventStore,
    private readonly sessions: () => Promise<S>,
    private readonly options: CheckpointedConsumerOptions<S>,
  ) {
    this.state = { name: options.name, leader: false, checkpoint: null };
    this.lockKey = createHash('sha256')
      .update(`consumer:${options.name}`)
      .digest()
      .readBigInt64BE()
      .toString();
  }

  start(): void {
    this.untrack ??= workerLag.track(this.options.name, () => this.lag());
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.untrack?.();
    await this.running;
  }

  /**
   * How far this instance trails the log while it leads, or retries after a failure; null while
   * it stands by, as the leading instance reports its own lag. One count on the store, no reads.
   */
  async lag(): Promise<WorkerLag | null> {
    if (this.standingBy) return null;
    const { events, oldestRecordedAt } = await this.store.backlog(
      this.state.checkpoint ?? 'start',
      {
        types: this.options.types,
        limit: LAG_COUNT_LIMIT,
      },
    );
    return lagOf(events, oldestRecordedAt);
  }

  status(): ConsumerStatus {
    return { ...this.state };
  }

  private get log(): (line: string) => void {
    return this.options.log ?? (() => undefined);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        const led = await this.leadOnce();
        if (led) failures = 0;
        else {
          this.standingBy = true;
          await this.pause(this.options.standbyRetryMs ?? 2_000);
        }
      } catch (error) {
        failures += 1;
        this.state.lastError = (error as Error).message;
        this.log(`consumer ${this.options.name}: ${(error as Error).message}; retrying`);
        await this.pause(Math.min(30_000, 100 * 2 ** Math.min(failures, 8)));
      }
    }
  }

  /** Returns false when another instance leads; otherwise consumes until stopped or failed. */
  private async leadOnce(): Promise<boolean> {
    const client = await this.sessions();
    let broken = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [this.lockKey],
      );
      if (!rows[0]?.locked) return false;
      this.state.leader = true;
      this.standingBy = false;
      try {
        await this.consume(client);
      } finally {
        this.state.leader = false;
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.lockKey]).catch(() => {
          broken = true;
        });
      }
      return true;
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      // A connection that failed mid-way may still hold the lock or a transaction: discard it.
      client.release(broken);
    }
  }

  private async consume(client: S): Promise<void> {
    const { rows } = await client.query<{ position: string }>(
      'SELECT position FROM consumer_checkpoints WHERE name = $1',
      [this.options.name],
    );
    this.state.checkpoint = rows[0] ? Number(rows[0].position) : null;
    const subscription = this.store.subscribeToAll({
      from: this.state.checkpoint ?? 'start',
      types: this.options.types,
      signal: this.stopping.signal,
    });
    const iterator = subscription[Symbol.asyncIterator]();
    for await (const batch of batches(
      iterator,
      this.options.batchSize ?? 500,
      this.options.lingerMs ?? 5,
    )) {
      const last = batch[batch.length - 1]!.position;
      await client.query('BEGIN');
      try {
        await this.options.handle(batch, client);
        await client.query(
          `INSERT INTO consumer_checkpoints (name, position) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
          [this.options.name, last],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        await iterator.return?.(undefined);
        throw error;
      }
      this.state.checkpoint = last;
      this.state.lastError = undefined;
    }
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}
