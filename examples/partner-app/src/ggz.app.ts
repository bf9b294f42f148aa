import type {
  BatchResult,
  ContactChannel,
  ContactOutcome,
  FeedEvent,
  Published,
  PublishData,
  SamenloopClient,
} from '@samenloop/partner-client';
import type { CursorFile } from './cursor.file';

/** A contact from the system's own records, before it was connected to the hub. */
export interface PastContact {
  reference: string;
  at: Date;
  channel: ContactChannel;
  outcome: ContactOutcome;
}

/** A referral made to this team, as it learned of it from its feed. */
export interface Referral {
  referralId: string;
  /** The hub's name for the client towards this team: its reference from now on. */
  subject: string;
  service: string;
}

/**
 * A GGZ team's system connected to Samenloop: it tells the hub when it gets involved with a
 * client and what it did, and follows its feed to take on the referrals made to it.
 */
export class GgzApp {
  readonly referrals = new Map<string, Referral>();

  constructor(
    private readonly hub: SamenloopClient,
    private readonly partnerId: string,
    private readonly cursor: CursorFile,
    private readonly log: (line: string) => void = console.log,
  ) {}

  /** The team treats someone the municipality may know: the hub matches the BSN. */
  signalInvolvement(reference: string, bsn: string): Promise<Published> {
    return this.hub.publish(
      this.hub.event('nl.samenloop.involvement-signalled.v1', reference, { bsn }),
    );
  }

  recordContact(
    reference: string,
    channel: ContactChannel,
    outcome: ContactOutcome,
  ): Promise<Published> {
    return this.hub.publish(
      this.hub.event('nl.samenloop.contact-attempted.v1', reference, { channel, outcome }),
    );
  }

  recordVisit(
    reference: string,
    visit: PublishData<'nl.samenloop.visit-held.v1'>,
  ): Promise<Published> {
    return this.hub.publish(this.hub.event('nl.samenloop.visit-held.v1', reference, visit));
  }

  /** Sends the contacts of the system's own records in one batch; each is answered on its own. */
  importContacts(contacts: readonly PastContact[]): Promise<BatchResult[]> {
    return this.hub.publishBatch(
      contacts.map(({ reference, at, channel, outcome }) =>
        this.hub.event(
          'nl.samenloop.contact-attempted.v1',
          reference,
          { channel, outcome },
          { time: at },
        ),
      ),
    );
  }

  /** Reads the feed by long-polling, from where it stopped last, until `signal` aborts. */
  async followFeed(signal: AbortSignal): Promise<void> {
    for await (const event of this.hub.follow({ after: await this.cursor.load(), signal })) {
      await this.handled(event);
    }
  }

  /** The same over server-sent events: the stream reconnects and resumes by itself. */
  async streamFeed(signal: AbortSignal): Promise<void> {
    for await (const event of this.hub.stream({ after: await this.cursor.load(), signal })) {
      await this.handled(event);
    }
  }

  /** Acts on one delivered event; then its cursor is saved, so it is never handled twice. */
  async handled(event: FeedEvent): Promise<void> {
    this.log(`${event.cursor} ${event.type} about ${event.subject}`);
    if (event.type === 'nl.samenloop.referral-made.v1' && event.data.toPartner === this.partnerId) {
      const { referralId, service } = event.data;
      this.referrals.set(referralId, { referralId, subject: event.subject, service });
      await this.hub.publish(
        this.hub.event('nl.samenloop.referral-accepted.v1', event.subject, { referralId }),
      );
    }
    await this.cursor.save(event.cursor);
  }
}
