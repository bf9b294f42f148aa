import { LeadingWorker, type Backlog, type SqlSession } from '@samenloop/platform';
import type { EventStore, Position, RecordedEvent } from '../event-store.port';
import { batches } from './batches';

/** Handles one batch inside the transaction that also moves the checkpoint past it. */
export type BatchHandler<S extends SqlSession = SqlSession> = (
  events: RecordedEvent[],
  transaction: S,
) => Promise<void>;

/**
 * Under a steady load a batch gathers this long, and the log is read at most this often: a
 * transaction and a read or two per 20 ms instead of per event, at a latency no one notices.
 */
const DEFAULT_COLLECT_MS = 20;

export interface CheckpointedConsumerOptions<S extends SqlSession = SqlSession> {
  /** Unique per consumer: names its checkpoint and its leadership lock. */
  name: string;
  handle: BatchHandler<S>;
  types?: readonly string[];
  batchSize?: number;
  /** How long a started batch waits for the next event before it is handled. */
  lingerMs?: number;
  /**
   * While events keep coming, how long a batch gathers them (see `batches`), and how often at
   * most the log is read once caught up. 0 handles and reads each commit as it comes.
   */
  collectMs?: number;
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
 * the same name only one is active (see `Leadership`).
 */
export class CheckpointedConsumer<S extends SqlSession = SqlSession> extends LeadingWorker<S> {
  private readonly state: ConsumerStatus;

  constructor(
    private readonly store: EventStore,
    sessions: () => Promise<S>,
    private readonly options: CheckpointedConsumerOptions<S>,
  ) {
    super(sessions, {
      lock: `consumer:${options.name}`,
      lagName: options.name,
      standbyRetryMs: options.standbyRetryMs,
      onFailure: (error) => {
        this.state.lastError = error.message;
        options.log?.(`consumer ${options.name}: ${error.message}; retrying`);
      },
    });
    this.state = { name: options.name, leader: false, checkpoint: null };
  }

  status(): ConsumerStatus {
    return { ...this.state, leader: this.leader };
  }

  /** One count on the store, no reads. */
  protected async backlog(limit: number): Promise<Backlog> {
    const { events, oldestRecordedAt } = await this.store.backlog(
      this.state.checkpoint ?? 'start',
      { types: this.options.types, limit },
    );
    return { pending: events, oldestAt: oldestRecordedAt };
  }

  protected async lead(client: S): Promise<void> {
    const { rows } = await client.query<{ position: string }>(
      'SELECT position FROM consumer_checkpoints WHERE name = $1',
      [this.options.name],
    );
    this.state.checkpoint = rows[0] ? Number(rows[0].position) : null;
    const collectMs = this.options.collectMs ?? DEFAULT_COLLECT_MS;
    const subscription = this.store.subscribeToAll({
      from: this.state.checkpoint ?? 'start',
      types: this.options.types,
      // Batches gather this long under load anyway: the log need not be read more often.
      readIntervalMs: collectMs,
      signal: this.signal,
    });
    const iterator = subscription[Symbol.asyncIterator]();
    for await (const batch of batches(iterator, {
      size: this.options.batchSize ?? 500,
      lingerMs: this.options.lingerMs ?? 5,
      collectMs,
    })) {
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
}
