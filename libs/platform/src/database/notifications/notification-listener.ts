import { Client, type Pool } from 'pg';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

export interface NotificationListenerOptions {
  /** Names the listener in its log lines. */
  name: string;
  channels: readonly string[];
  onNotification: (channel: string, payload: string | undefined) => void;
  /** Told whenever notifications may have been missed: on every connect and every drop. */
  onMissed: () => void;
  log: (line: string) => void;
}

/**
 * One LISTEN connection, shared by everything in the process that waits on its channels. It is
 * opened beside the pool, not taken from it, so it never costs a reader or writer a connection.
 * Notifications sent while it is down are lost, so every drop and every (re)connect tells
 * `onMissed`, for the waiters to re-check; it reconnects with a backoff.
 */
export class NotificationListener {
  private client?: Client;
  private started?: Promise<void>;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;

  constructor(
    private readonly pool: Pool,
    private readonly options: NotificationListenerOptions,
  ) {}

  /** Resolves when the first attempt is over, listening or not: nobody waits on a retry. */
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
    client.on('notification', ({ channel, payload }) =>
      this.options.onNotification(channel, payload),
    );
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(this.options.channels.map((channel) => `LISTEN ${channel}`).join('; '));
    } catch (error) {
      this.dropped(client, error);
      return;
    }
    if (this.client !== client) return;
    this.retryMs = RETRY_MIN_MS;
    this.options.onMissed();
  }

  private dropped(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.options.onMissed();
    if (this.stopped) return;
    this.options.log(
      `${this.options.name} lost (${(error as Error).message}); retrying in ${this.retryMs} ms`,
    );
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
