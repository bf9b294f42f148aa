import { Injectable } from '@nestjs/common';
import { inPoolTransaction } from '@samenloop/platform';
import { Pool } from 'pg';
import { WEBHOOKS_CHANNEL } from '../feed/feed-notifications';
import type { FailedAttempt, WebhookSubscription } from './webhook-subscription-types';

interface SubscriptionRow {
  id: string;
  partner_id: string;
  url: string;
  types: string[] | null;
  categories: string[] | null;
  sealed_secret: string;
  status: 'active' | 'failing';
  after_seq: string;
  last_delivered_cursor: string | null;
  delivered_count: string;
  attempts: number;
  first_failure_at: Date | null;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_error: string | null;
  created_at: Date;
}

/** Where the dispatcher stands per subscription, so that a restart resumes where it was. */
@Injectable()
export class WebhookSubscriptionStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Stores a new subscription unless its partner holds `max` already (undefined then). A lock per
   * partner makes concurrent requests count one after another.
   */
  async create(
    subscription: Pick<
      WebhookSubscription,
      'id' | 'partnerId' | 'url' | 'types' | 'categories' | 'sealedSecret' | 'afterSeq'
    >,
    max: number,
  ): Promise<WebhookSubscription | undefined> {
    const { id, partnerId, url, types, categories, sealedSecret, afterSeq } = subscription;
    const row = await inPoolTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `webhook-subscriptions:${partnerId}`,
      ]);
      const inserted = await client.query<SubscriptionRow>(
        `INSERT INTO webhook_subscriptions (id, partner_id, url, types, categories, sealed_secret, after_seq)
         SELECT $1, $2, $3, $4, $5, $6, $7
         WHERE (SELECT count(*) FROM webhook_subscriptions WHERE partner_id = $2) < $8
         RETURNING *`,
        [id, partnerId, url, types, categories, sealedSecret, afterSeq, max],
      );
      return inserted.rows[0];
    });
    if (!row) return undefined;
    await this.announce();
    return toSubscription(row);
  }

  async list(partnerId: string): Promise<WebhookSubscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM webhook_subscriptions WHERE partner_id = $1 ORDER BY created_at, id',
      [partnerId],
    );
    return rows.map(toSubscription);
  }

  async find(partnerId: string, id: string): Promise<WebhookSubscription | undefined> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      'SELECT * FROM webhook_subscriptions WHERE partner_id = $1 AND id = $2',
      [partnerId, id],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  async remove(partnerId: string, id: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM webhook_subscriptions WHERE partner_id = $1 AND id = $2',
      [partnerId, id],
    );
    if (result.rowCount === 0) return false;
    // Its delivery in progress, if any, stops.
    await this.announce();
    return true;
  }

  /** Delivers again from `afterSeq` on, active again even if it was failing. */
  async replay(
    partnerId: string,
    id: string,
    afterSeq: number,
  ): Promise<WebhookSubscription | undefined> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `UPDATE webhook_subscriptions SET after_seq = $3, status = 'active', attempts = 0,
         first_failure_at = NULL, next_attempt_at = NULL
       WHERE partner_id = $1 AND id = $2 RETURNING *`,
      [partnerId, id, afterSeq],
    );
    if (rows[0]) await this.announce();
    return rows[0] && toSubscription(rows[0]);
  }

  /**
   * Active subscriptions not backing off whose partner has entries past them, but for those
   * `excluded` (being served): the partners' turns interleaved (each partner's least recently
   * served first, up to `perPartner` of each), so that none starves.
   */
  async due(
    now: Date,
    limit: number,
    excluded: readonly string[],
    perPartner: number,
  ): Promise<WebhookSubscription[]> {
    const { rows } = await this.pool.query<SubscriptionRow>(
      `SELECT * FROM (
         SELECT s.*, row_number() OVER (
           PARTITION BY s.partner_id ORDER BY coalesce(s.last_attempt_at, s.created_at), s.id
         ) AS turn
         FROM webhook_subscriptions s
         WHERE s.status = 'active' AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= $1)
           AND s.id <> ALL($3::uuid[])
           AND EXISTS (SELECT FROM partner_feed f WHERE f.partner_id = s.partner_id AND f.seq > s.after_seq)
       ) due
       WHERE turn <= $4
       ORDER BY turn, coalesce(last_attempt_at, created_at), id LIMIT $2`,
      [now, limit, excluded, perPartner],
    );
    return rows.map(toSubscription);
  }

  /** Which of `ids` are still stored. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM webhook_subscriptions WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Set(rows.map(({ id }) => id));
  }

  /**
   * Per active subscription, the entries of its partner's feed past it (counted up to `limit`)
   * and when the oldest was written. Entries of types it does not want count until it passes
   * them, which it does without waiting on its endpoint.
   */
  async backlogs(limit: number): Promise<{ id: string; entries: number; oldestAt: Date | null }[]> {
    const { rows } = await this.pool.query<{ id: string; entries: number; oldest_at: Date | null }>(
      `SELECT s.id, count(f.created_at)::int AS entries, min(f.created_at) AS oldest_at
       FROM webhook_subscriptions s
       LEFT JOIN LATERAL (
         SELECT created_at FROM partner_feed f
         WHERE f.partner_id = s.partner_id AND f.seq > s.after_seq
         ORDER BY f.seq LIMIT $1
       ) f ON true
       WHERE s.status = 'active'
       GROUP BY s.id`,
      [limit],
    );
    return rows.map(({ id, entries, oldest_at }) => ({ id, entries, oldestAt: oldest_at }));
  }

  /** The first retry due after `now`, if any. */
  async nextAttemptAfter(now: Date): Promise<Date | undefined> {
    const { rows } = await this.pool.query<{ at: Date | null }>(
      `SELECT min(next_attempt_at) AS at FROM webhook_subscriptions
       WHERE status = 'active' AND next_attempt_at > $1`,
      [now],
    );
    return rows[0]?.at ?? undefined;
  }

  /**
   * Each update below applies only if the subscription still stands where the dispatcher read it:
   * a replay or a removal meanwhile wins, and the dispatcher starts over from the stored state.
   */
  async delivered(
    id: string,
    expectedAfterSeq: number,
    seq: number,
    cursor: number,
  ): Promise<boolean> {
    return this.moved(
      `UPDATE webhook_subscriptions SET after_seq = $3, last_delivered_cursor = $4,
         delivered_count = delivered_count + 1, attempts = 0, first_failure_at = NULL,
         next_attempt_at = NULL, last_attempt_at = now(), last_error = NULL
       WHERE id = $1 AND after_seq = $2 AND status = 'active'`,
      [id, expectedAfterSeq, seq, cursor],
    );
  }

  async skipped(id: string, expectedAfterSeq: number, seq: number): Promise<boolean> {
    return this.moved(
      `UPDATE webhook_subscriptions SET after_seq = $3
       WHERE id = $1 AND after_seq = $2 AND status = 'active'`,
      [id, expectedAfterSeq, seq],
    );
  }

  async failed(id: string, expectedAfterSeq: number, attempt: FailedAttempt): Promise<boolean> {
    const { afterSeq, attempts, firstFailureAt, nextAttemptAt, error } = attempt;
    return this.moved(
      `UPDATE webhook_subscriptions SET after_seq = $3, attempts = $4, first_failure_at = $5,
         next_attempt_at = $6, status = CASE WHEN $6::timestamptz IS NULL THEN 'failing' ELSE 'active' END,
         last_attempt_at = now(), last_error = $7
       WHERE id = $1 AND after_seq = $2 AND status = 'active'`,
      [id, expectedAfterSeq, afterSeq, attempts, firstFailureAt, nextAttemptAt, error],
    );
  }

  private async moved(sql: string, parameters: unknown[]): Promise<boolean> {
    const result = await this.pool.query(sql, parameters);
    return (result.rowCount ?? 0) > 0;
  }

  /** Wakes the dispatcher, in whichever process leads. */
  private async announce(): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [WEBHOOKS_CHANNEL, '']);
  }
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    partnerId: row.partner_id,
    url: row.url,
    types: row.types,
    categories: row.categories,
    sealedSecret: row.sealed_secret,
    status: row.status,
    afterSeq: Number(row.after_seq),
    lastDeliveredCursor:
      row.last_delivered_cursor === null ? null : Number(row.last_delivered_cursor),
    delivered: Number(row.delivered_count),
    attempts: row.attempts,
    firstFailureAt: row.first_failure_at,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}
