import { Client, type Pool } from 'pg';
import { WakeUps } from './wake-ups';

/**
 * New feed entries were committed. The payload is a JSON array of the partners they are for, so
 * that only those partners' readers look; any other payload (such as '') concerns every partner.
 */
export const FEED_CHANNEL = 'samenloop_feed';
/** A webhook subscription was created or replayed: the dispatcher should look again. */
export const WEBHOOKS_CHANNEL = 'samenloop_webhooks';
/** A partner's token was rotated or revoked (a trigger on partners); the payload is its id. */
export const PARTNERS_CHANNEL = 'samenloop_partners';

/** Told a partner id whose credentials changed, or undefined when any may have (notices lost). */
export type CredentialsListener = (partnerId: string | undefined) => void;

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * The process's one LISTEN connection for delivery, opened beside the pool so that it never costs
 * a reader a connection. Notifications sent while it is down are lost, so every drop and every
 * (re)connect wakes the waiters to re-check; they also re-check on a slow timer of their own.
 */
export class FeedNotifications {
  readonly wakeUps = new WakeUps();
  private readonly credentialsListeners = new Set<CredentialsListener>();
  private client?: Client;
  private started?: Promise<void>;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;

  constructor(
    private readonly pool: Pool,
    private readonly log: (line: string) => void,
  ) {}

  /** Resolves when the first attempt is over, listening or not: nobody waits on a retry. */
  start(): Promise<void> {
    this.started ??= this.connect();
    return this.started;
  }

  /** Calls `listener` on every credentials change until the returned function is called. */
  onCredentialsChanged(listener: CredentialsListener): () => void {
    this.credentialsListeners.add(listener);
    return () => this.credentialsListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    this.wakeUps.wake();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.pool.options);
    this.client = client;
    client.on('notification', ({ channel, payload }) => {
      if (channel === PARTNERS_CHANNEL) this.credentialsChanged(payload);
      else if (channel === FEED_CHANNEL) this.wakeUps.wake(partnersIn(payload));
      // Only the dispatcher waits for webhook subscriptions, as it waits for every partner.
      else this.wakeUps.wake([]);
    });
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(
        `LISTEN ${FEED_CHANNEL}; LISTEN ${WEBHOOKS_CHANNEL}; LISTEN ${PARTNERS_CHANNEL}`,
      );
    } catch (error) {
      this.dropped(client, error);
      return;
    }
    if (this.client !== client) return;
    this.retryMs = RETRY_MIN_MS;
    this.wakeUps.wake();
    this.credentialsChanged(undefined);
  }

  private credentialsChanged(partnerId: string | undefined): void {
    for (const listener of [...this.credentialsListeners]) listener(partnerId);
  }

  private dropped(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.wakeUps.wake();
    this.credentialsChanged(undefined);
    if (this.stopped) return;
    this.log(
      `delivery listener lost (${(error as Error).message}); retrying in ${this.retryMs} ms`,
    );
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}

/** The partners a feed notice names, or undefined when it concerns them all. */
export function partnersIn(payload: string | undefined): string[] | undefined {
  try {
    const named: unknown = JSON.parse(payload ?? '');
    return Array.isArray(named) && named.every((id) => typeof id === 'string') ? named : undefined;
  } catch {
    return undefined;
  }
}
