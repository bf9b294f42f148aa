import { Injectable, Logger } from '@nestjs/common';
import {
  AdvisoryLock,
  deliveryMetrics,
  LAG_COUNT_LIMIT,
  lagOf,
  Leadership,
  poolSessions,
  workerLag,
  type SqlSession,
  type WorkerLag,
} from '@samenloop/platform';
import { Pool } from 'pg';
import { DeliveryAccessLog } from '../access/delivery-access-log';
import { DeliverySettings } from '../delivery.settings';
import { correlationIdsOf } from '../feed/correlation-ids';
import type { FeedEntry } from '../feed/partner-feed-types';
import { PostgresPartnerFeed } from '../feed/postgres-partner-feed';
import { WebhookBackoff } from './webhook-backoff';
import { wantsEvent } from './webhook-filter';
import { WebhookSecretCipher } from './webhook-secret-cipher';
import { WebhookSender } from './webhook-sender';
import type { WebhookSubscription } from './webhook-subscription-types';
import { WebhookSubscriptionStore } from './webhook-subscription.store';

const LOCK = AdvisoryLock.named('delivery:webhook-dispatcher');
const PAGE = 100;
/** Endpoints served at once; each subscription itself is served one event at a time. */
const PARALLEL = 16;
/** Of those, one partner's at most: slow endpoints of one partner never hold every slot. */
const PARALLEL_PER_PARTNER = 4;
/** A subscription yields its slot after this many attempts or this long, backlog or not. */
const SLICE_ATTEMPTS = 20;
const SLICE_MS = 2_000;
/** After an unexpected error (not an endpoint's), a subscription rests this long. */
const ERROR_REST_MS = 1_000;

/**
 * Pushes each partner's feed to its webhook subscriptions. One instance leads across processes
 * (an advisory lock on a connection of its own); all state is in PostgreSQL, so a new leader or a
 * restart resumes where the last one stood.
 *
 * Fairness: a subscription holds a slot for a time slice only, then the slot goes round the
 * partners (least recently served first), and no partner holds more than a few slots at once.
 *
 * Order: a subscription delivers strictly in feed order, one event at a time, so each client's
 * events arrive in their order. The price: an event its endpoint keeps refusing blocks the later
 * ones of that subscription until it is delivered, the retry window ends (the subscription is then
 * marked failing and stops), or the partner replays from a later cursor.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly leadership: Leadership;
  private readonly inFlight = new Map<string, Drain>();
  private readonly resting = new Map<string, number>();
  private leading = false;
  private untrack?: () => void;

  constructor(
    pool: Pool,
    private readonly feed: PostgresPartnerFeed,
    private readonly subscriptions: WebhookSubscriptionStore,
    private readonly sender: WebhookSender,
    private readonly cipher: WebhookSecretCipher,
    private readonly backoff: WebhookBackoff,
    private readonly accessLog: DeliveryAccessLog,
    private readonly settings: DeliverySettings,
  ) {
    const sessions = poolSessions(pool, (error) =>
      this.logger.warn(`webhook dispatcher lost its connection: ${error.message}`),
    );
    this.leadership = new Leadership(sessions, {
      lock: LOCK,
      onFailure: (error) => this.logger.warn(`webhook dispatcher: ${error.message}; retrying`),
    });
  }

  start(): void {
    // A subscription trails when its partner's endpoint is down: shown, but no reason to take
    // this process out of service.
    this.untrack ??= workerLag.trackGroup(() => this.lag(), { gatesReadiness: false });
    this.leadership.start((session) => this.lead(session, this.leadership.signal));
  }

  async stop(): Promise<void> {
    this.untrack?.();
    await this.leadership.stop();
  }

  /** Each active subscription's lag, as `webhook:<id>`, while this instance leads. */
  async lag(): Promise<ReadonlyMap<string, WorkerLag>> {
    if (!this.leading) return new Map();
    const now = Date.now();
    return new Map(
      (await this.subscriptions.backlogs(LAG_COUNT_LIMIT)).map(({ id, entries, oldestAt }) => [
        `webhook:${id}`,
        lagOf(entries, oldestAt, now),
      ]),
    );
  }

  private async lead(session: SqlSession, signal: AbortSignal): Promise<void> {
    await this.feed.listen();
    const { wakeUps } = this.feed;
    this.leading = true;
    try {
      while (!signal.aborted) {
        const seen = wakeUps.generation();
        // Fails once the lock's connection is gone: another instance may lead by then.
        await session.query('SELECT 1');
        await this.abandonRemoved();
        for (const [id, until] of this.resting) if (until <= Date.now()) this.resting.delete(id);
        await this.fillSlots(signal);
        const next = await this.subscriptions.nextAttemptAfter(new Date());
        const wakeAt = Math.min(next?.getTime() ?? Infinity, ...this.resting.values());
        const timeout = Math.min(this.settings.dispatcherRecheckMs, wakeAt - Date.now());
        await wakeUps.wait(seen, Math.max(timeout, 10), { signal });
      }
    } finally {
      this.leading = false;
      await Promise.all([...this.inFlight.values()].map(({ task }) => task));
    }
  }

  /** Gives free slots to due subscriptions, round the partners, each within its share. */
  private async fillSlots(signal: AbortSignal): Promise<void> {
    let free = PARALLEL - this.inFlight.size;
    if (free <= 0) return;
    const held = new Map<string, number>();
    for (const { partnerId } of this.inFlight.values()) {
      held.set(partnerId, (held.get(partnerId) ?? 0) + 1);
    }
    const busy = [...this.inFlight.keys(), ...this.resting.keys()];
    // Enough candidates to fill every slot even when those of partners at their share are passed.
    const candidates = await this.subscriptions.due(
      new Date(),
      free + this.inFlight.size,
      busy,
      PARALLEL_PER_PARTNER,
    );
    for (const subscription of candidates) {
      const holding = held.get(subscription.partnerId) ?? 0;
      if (free === 0) return;
      if (holding >= PARALLEL_PER_PARTNER) continue;
      held.set(subscription.partnerId, holding + 1);
      free -= 1;
      this.serve(subscription, signal);
    }
  }

  /** A subscription deleted meanwhile (by its partner, or with a revoked partner) stops at once. */
  private async abandonRemoved(): Promise<void> {
    if (this.inFlight.size === 0) return;
    const existing = await this.subscriptions.existing([...this.inFlight.keys()]);
    for (const [id, { abandon }] of this.inFlight) if (!existing.has(id)) abandon.abort();
  }

  private serve(subscription: WebhookSubscription, stopping: AbortSignal): void {
    const { id, partnerId } = subscription;
    const abandon = new AbortController();
    const signal = AbortSignal.any([stopping, abandon.signal]);
    const task = this.drain(subscription, signal)
      .catch((error: Error) => {
        this.logger.error(`webhook subscription ${id}: ${error.message}`);
        this.resting.set(id, Date.now() + ERROR_REST_MS);
      })
      .finally(() => {
        this.inFlight.delete(id);
        // What arrived meanwhile was passed over while this subscription was busy: the dispatcher
        // looks again (it waits for any partner; the partners' readers are not woken).
        this.feed.wakeUps.wake([]);
      });
    this.inFlight.set(id, { partnerId, task, abandon });
  }

  /**
   * Delivers until the subscription is up to date, an attempt fails, it changed meanwhile, or its
   * time slice is over.
   */
  private async drain(subscription: WebhookSubscription, signal: AbortSignal): Promise<void> {
    const { id, partnerId, url } = subscription;
    const secret = this.cipher.open(subscription.sealedSecret, id);
    const sliceEnds = Date.now() + SLICE_MS;
    let attempts = 0;
    let stored = subscription.afterSeq;
    while (!signal.aborted) {
      const entries = await this.feed.readPartnerAfterSeq(partnerId, stored, PAGE);
      if (entries.length === 0) return;
      let handled = stored;
      for (const entry of entries) {
        if (!wantsEvent(subscription, entry.type)) {
          handled = entry.seq;
          continue;
        }
        if (attempts === SLICE_ATTEMPTS || Date.now() >= sliceEnds) break;
        attempts += 1;
        const message = { id: webhookId(id, entry.position), body: JSON.stringify(entry.event) };
        const outcome = await this.sender.send(url, secret, message, signal);
        if (signal.aborted) return;
        if (!outcome.ok) {
          await this.failed(subscription, entry, { stored, handled }, outcome.error);
          return;
        }
        if (!(await this.subscriptions.delivered(id, stored, entry.seq, entry.position))) return;
        await this.accessLog.record({
          channel: 'webhook',
          partnerId,
          entries: [entry],
          subscriptionId: id,
        });
        stored = handled = entry.seq;
        subscription = { ...subscription, attempts: 0, firstFailureAt: null };
      }
      if (handled > stored) {
        if (!(await this.subscriptions.skipped(id, stored, handled))) return;
        stored = handled;
      }
      if (attempts === SLICE_ATTEMPTS || Date.now() >= sliceEnds) return;
    }
  }

  private async failed(
    { id, partnerId, attempts, firstFailureAt }: WebhookSubscription,
    entry: FeedEntry,
    { stored, handled }: { stored: number; handled: number },
    error: string,
  ): Promise<void> {
    deliveryMetrics.failed('webhook', partnerId);
    const correlation = correlationIdsOf([entry]);
    this.logger.debug(
      `webhook subscription ${id}: position ${entry.position} failed (${error}); correlation ${correlation}`,
    );
    const now = new Date();
    const since = firstFailureAt ?? now;
    const attempt = attempts + 1;
    const givingUp = now.getTime() - since.getTime() >= this.backoff.giveUpAfterMs;
    await this.subscriptions.failed(id, stored, {
      afterSeq: handled,
      attempts: attempt,
      firstFailureAt: since,
      nextAttemptAt: givingUp ? null : new Date(now.getTime() + this.backoff.delayMs(attempt)),
      error,
    });
    if (givingUp) {
      this.logger.warn(
        `webhook subscription ${id} is failing after ${attempt} attempts at position ${entry.position}: ${error}; correlation ${correlation}`,
      );
    }
  }
}

interface Drain {
  partnerId: string;
  task: Promise<void>;
  abandon: AbortController;
}

/** `webhook-id`: the same for every attempt and replay of one event to one subscription. */
export function webhookId(subscriptionId: string, position: number): string {
  return `msg_${subscriptionId.replaceAll('-', '')}_${position}`;
}
