import { Client, type Pool } from 'pg';

export const EVENTS_CHANNEL = 'samenloop_events';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * The one LISTEN connection of a store, shared by all its subscriptions. It is opened beside the
 * pool, not taken from it, so it never costs the appends a connection. Notifications sent while
 * it is down are lost, so every drop and every reconnect wakes the readers to re-check.
 */
export class NotificationListener {
  private client?: Client;
  private started?: Promise<void>;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;

  constructor(
    private readonly pool: Pool,
    private readonly onNotify: () => void,
    private readonly log: (line: string) => void,
  ) {}

  /** Resolves when the first attempt is over, listening or not: reads never wait on a retry. */
  start(): Promise<void> {
    this.started ??= this.connect();
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.pool.options);
    this.client = client;
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      this.dropped(client, error);
      return;
    }
    if (this.client !== client) return;
    this.retryMs = RETRY_MIN_MS;
    this.onNotify();
  }

  private dropped(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.log(
      `event store listener lost (${(error as Error).message}); retrying in ${this.retryMs} ms`,
    );
    this.onNotify();
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
