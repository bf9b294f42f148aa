import type { OutboundCloudEvent } from '@samenloop/contracts';
import { DeliveryAccessLog, type DeliveryAccess } from '../../access/delivery-access-log';
import { PartnerFeed, type FeedBacklog, type FeedEntry } from '../../feed/partner-feed-types';

/** A PartnerFeed in memory, so that the relay is tested on its own; `add` appends in feed order. */
export class InMemoryPartnerFeed extends PartnerFeed {
  private readonly entries: FeedEntry[] = [];
  private readonly addedAt: Date[] = [];
  private wake: Array<() => void> = [];

  /** Appends an entry for `partnerId` about the client it knows as `subject`; answers its ce_id. */
  add(partnerId: string, subject: string, n: number): FeedEntry {
    const seq = this.entries.length + 1;
    const event = {
      specversion: '1.0',
      id: `${partnerId}-${subject}-${n}`,
      source: 'urn:samenloop:partner:gemeente',
      type: 'nl.samenloop.contact-attempted.v1',
      subject,
      time: '2025-03-03T10:00:00.000Z',
      datacontenttype: 'application/json',
      dataschema: 'https://samenloop.nl/schemas/contact-attempted.v1.json',
      cursor: 1000 + seq,
      data: { channel: 'phone', outcome: 'reached', n },
    } as unknown as OutboundCloudEvent;
    const entry: FeedEntry = {
      seq,
      partnerId,
      position: 1000 + seq,
      subject,
      type: event.type,
      clientId: `client-${subject}`,
      agreementVersion: 'test',
      event,
    };
    this.entries.push(entry);
    this.addedAt.push(new Date());
    const waiting = this.wake;
    this.wake = [];
    for (const resolve of waiting) resolve();
    return entry;
  }

  async readAll(afterSeq: number, limit: number): Promise<FeedEntry[]> {
    return this.entries.slice(afterSeq, afterSeq + limit);
  }

  async readPartner(partnerId: string, afterCursor: number, limit: number): Promise<FeedEntry[]> {
    return this.entries
      .filter((entry) => entry.partnerId === partnerId && entry.position > afterCursor)
      .slice(0, limit);
  }

  async waitForMore(
    afterSeq: number,
    { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<void> {
    if (this.entries.length > afterSeq || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.wake.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  async headSeq(): Promise<number> {
    return this.entries.length;
  }

  async backlog(afterSeq: number, limit: number): Promise<FeedBacklog> {
    const entries = Math.min(limit, Math.max(0, this.entries.length - afterSeq));
    return { entries, oldestAt: entries > 0 ? this.addedAt[afterSeq]! : null };
  }
}

/** The access log in memory: what was recorded, in order. */
export class InMemoryDeliveryAccessLog extends DeliveryAccessLog {
  readonly records: DeliveryAccess[] = [];
  /** How many times it was written to: once per relay batch. */
  writes = 0;

  async recordAll(accesses: readonly DeliveryAccess[]): Promise<void> {
    this.writes += 1;
    this.records.push(...accesses);
  }
}
