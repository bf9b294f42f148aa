import { NotificationListener, WakeUps } from '@samenloop/platform';
import type { Pool } from 'pg';

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

/**
 * Delivery's notifications, on the process's one LISTEN connection for delivery: feed notices wake
 * the readers of the partners they name (each partner id a wake-up topic), webhook notices the
 * dispatcher, and partner notices the credential caches. Waiters also re-check on a slow timer of
 * their own, as notices sent while the connection is down are lost.
 */
export class FeedNotifications {
  readonly wakeUps = new WakeUps();
  private readonly credentialsListeners = new Set<CredentialsListener>();
  private readonly listener: NotificationListener;

  constructor(pool: Pool, log: (line: string) => void) {
    this.listener = new NotificationListener(pool, {
      name: 'delivery listener',
      channels: [FEED_CHANNEL, WEBHOOKS_CHANNEL, PARTNERS_CHANNEL],
      onNotification: (channel, payload) => {
        if (channel === PARTNERS_CHANNEL) this.credentialsChanged(payload);
        else if (channel === FEED_CHANNEL) this.wakeUps.wake(partnersIn(payload));
        // Only the dispatcher waits for webhook subscriptions, as it waits for every partner.
        else this.wakeUps.wake([]);
      },
      onMissed: () => {
        this.wakeUps.wake();
        this.credentialsChanged(undefined);
      },
      log,
    });
  }

  /** Resolves when the first attempt is over, listening or not: nobody waits on a retry. */
  start(): Promise<void> {
    return this.listener.start();
  }

  /** Calls `listener` on every credentials change until the returned function is called. */
  onCredentialsChanged(listener: CredentialsListener): () => void {
    this.credentialsListeners.add(listener);
    return () => this.credentialsListeners.delete(listener);
  }

  async stop(): Promise<void> {
    await this.listener.stop();
    this.wakeUps.wake();
  }

  private credentialsChanged(partnerId: string | undefined): void {
    for (const listener of [...this.credentialsListeners]) listener(partnerId);
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
