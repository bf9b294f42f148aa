import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type KeyRing, KeyVault, openFreeText } from '@samenloop/privacy';
import type { OutboundCloudEvent } from '@samenloop/contracts';
import { type EventType, freeTextFieldsOf } from '@samenloop/domain';
import { Pool } from 'pg';
import { type CredentialsListener, FeedNotifications } from './feed-notifications';
import { IdentityResolver } from './identity-resolver';
import { UnknownCursorError } from './partner-feed.errors';
import { type FeedBacklog, type FeedEntry, PartnerFeed } from './partner-feed-types';

/** How often a waiter re-checks on its own, in case a notification was lost. */
const SAFETY_RECHECK_MS = 5_000;

interface FeedEntryRow {
  seq: string;
  partner_id: string;
  position: string;
  subject: string;
  type: string;
  client_id: string;
  stream_revision: string;
  agreement_version: string;
  legal_basis: string;
  purpose: string;
  event: OutboundCloudEvent;
  identity_fields: string[] | null;
  sealed_person: string | null;
  correlation_id: string | null;
}

const COLUMNS = `seq, partner_id, position, subject, type, client_id, stream_revision,
  agreement_version, legal_basis, purpose, event, identity_fields, sealed_person, correlation_id`;

/** The partner feed in PostgreSQL, read by the HTTP channels, the webhook dispatcher and relays. */
@Injectable()
export class PostgresPartnerFeed extends PartnerFeed implements OnModuleDestroy {
  private readonly notifications: FeedNotifications;

  constructor(
    private readonly pool: Pool,
    private readonly identities: IdentityResolver,
    private readonly keyVault: KeyVault,
  ) {
    super();
    const logger = new Logger(PartnerFeed.name);
    this.notifications = new FeedNotifications(pool, (line) => logger.warn(line));
  }

  async readAll(afterSeq: number, limit: number): Promise<FeedEntry[]> {
    const { rows } = await this.pool.query<FeedEntryRow>(
      `SELECT ${COLUMNS} FROM partner_feed WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
    return this.entries(rows);
  }

  async readPartner(partnerId: string, afterCursor: number, limit: number): Promise<FeedEntry[]> {
    return this.readPartnerAfterSeq(partnerId, await this.seqOf(partnerId, afterCursor), limit);
  }

  /** The feed order behind a partner's cursor: 0 for the start. */
  async seqOf(partnerId: string, cursor: number): Promise<number> {
    if (cursor === 0) return 0;
    const { rows } = await this.pool.query<{ seq: string }>(
      'SELECT seq FROM partner_feed WHERE partner_id = $1 AND position = $2',
      [partnerId, cursor],
    );
    if (!rows[0]) throw new UnknownCursorError(partnerId, cursor);
    return Number(rows[0].seq);
  }

  async readPartnerAfterSeq(
    partnerId: string,
    afterSeq: number,
    limit: number,
  ): Promise<FeedEntry[]> {
    const { rows } = await this.pool.query<FeedEntryRow>(
      `SELECT ${COLUMNS} FROM partner_feed WHERE partner_id = $1 AND seq > $2
       ORDER BY seq LIMIT $3`,
      [partnerId, afterSeq, limit],
    );
    return this.entries(rows);
  }

  async headSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string | null }>(
      'SELECT max(seq) AS seq FROM partner_feed',
    );
    return Number(rows[0]?.seq ?? 0);
  }

  async backlog(afterSeq: number, limit: number): Promise<FeedBacklog> {
    const { rows } = await this.pool.query<FeedBacklog>(
      `SELECT count(*)::int AS entries, min(created_at) AS "oldestAt" FROM (
         SELECT created_at FROM partner_feed WHERE seq > $1 ORDER BY seq LIMIT $2
       ) AS backlog`,
      [afterSeq, limit],
    );
    return rows[0]!;
  }

  async waitForMore(
    afterSeq: number,
    { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<void> {
    await this.notifications.start();
    const deadline = Date.now() + timeoutMs;
    const { wakeUps } = this.notifications;
    while (!signal?.aborted) {
      const seen = wakeUps.generation();
      if ((await this.headSeq()) > afterSeq) return;
      const left = deadline - Date.now();
      if (left <= 0) return;
      await wakeUps.wait(seen, Math.min(left, SAFETY_RECHECK_MS), { signal });
    }
  }

  /**
   * Resolves once entries for `partnerId` may have been committed after `seen`, its
   * `wakeUps.generation(partnerId)` noted before the reader's last read; or on timeout or abort.
   * Notices for other partners do not wake it.
   */
  async waitForPartner(
    partnerId: string,
    seen: number,
    { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<void> {
    await this.notifications.wakeUps.wait(seen, Math.min(timeoutMs, SAFETY_RECHECK_MS), {
      topic: partnerId,
      signal,
    });
  }

  /** A wake-up source for other waiters of this process, such as the webhook dispatcher. */
  get wakeUps() {
    return this.notifications.wakeUps;
  }

  /** Partners whose token was rotated or revoked, heard in this process. */
  onCredentialsChanged(listener: CredentialsListener): () => void {
    return this.notifications.onCredentialsChanged(listener);
  }

  /** Starts listening for notifications; waiting does so by itself. */
  listen(): Promise<void> {
    return this.notifications.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.notifications.stop();
  }

  /** The keys of the page's clients whose entries hold sealed data are read in one query. */
  private async entries(rows: readonly FeedEntryRow[]): Promise<FeedEntry[]> {
    const keys = await this.keyVault.keyRing(
      rows.filter(holdsSealedData).map((row) => row.client_id),
    );
    return Promise.all(rows.map((row) => this.entry(row, keys)));
  }

  private async entry(row: FeedEntryRow, keys: KeyRing): Promise<FeedEntry> {
    const clientId = row.client_id;
    // Free text stays sealed in the feed and is opened here, like the person: redacted once erased.
    const data = await openFreeText(keys, clientId, row.type, row.event.data);
    const event = {
      ...row.event,
      data:
        row.identity_fields === null
          ? data
          : {
              ...data,
              person: await this.identities.identity(
                {
                  clientId,
                  revision: Number(row.stream_revision),
                  sealed: row.sealed_person,
                },
                row.identity_fields,
                keys,
              ),
            },
    } as OutboundCloudEvent;
    return {
      seq: Number(row.seq),
      partnerId: row.partner_id,
      position: Number(row.position),
      subject: row.subject,
      type: row.type,
      clientId,
      agreementVersion: row.agreement_version,
      legalBasis: row.legal_basis,
      purpose: row.purpose,
      ...(row.correlation_id === null ? {} : { correlationId: row.correlation_id }),
      event,
    };
  }
}

/** The person, or free text of its type: opened with the client's key at read time. */
function holdsSealedData(row: FeedEntryRow): boolean {
  return row.identity_fields !== null || freeTextFieldsOf(row.type as EventType).length > 0;
}
