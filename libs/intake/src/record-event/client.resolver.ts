import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AccessLog, ClientErasedError, KeyVault, sealFreeText } from '@samenloop/audit';
import { ZRM_2017_INSTRUMENT, type CommandDataMap, type EventType } from '@samenloop/domain';
import {
  BsnIndex,
  BsnSignalThrottle,
  ClientReferenceRegistry,
  ReferenceTakenError,
} from '@samenloop/sharing';
import type { CloudEvent, CloudEventOf, PersonData } from '../cloud-event/cloud-event.types';
import { intakeProblem } from './intake.problems';
import { bsnSignalMetrics, LruCache } from '@samenloop/platform';
import type { Publisher } from './record-partner-event.command';

/** The client an event is about, and the command data the decider gets for it. */
export interface ResolvedClient {
  clientId: string;
  data: CommandDataMap[EventType];
  /** Index updates that follow the stored event; idempotent, as a resend repeats them. */
  afterAppend(): Promise<void>;
}

const nothing = async (): Promise<void> => undefined;

/** References remembered per process; each is a few hundred bytes. */
const KNOWN_REFERENCES = 200_000;

/**
 * Finds the hub's client behind a partner's reference (or BSN), and turns what the partner sent
 * into what may be stored: the person and free text sealed with the client's key, the BSN as a
 * keyed hash.
 */
@Injectable()
export class ClientResolver {
  private readonly logger = new Logger(ClientResolver.name);
  /**
   * (partner, reference) -> client, for references found bound. A binding is never changed or
   * removed (client_references is insert-only: bind does ON CONFLICT DO NOTHING), so a remembered
   * one stays true in every process; unknown references are always looked up again.
   */
  private readonly bound = new LruCache<string, string>(KNOWN_REFERENCES);

  constructor(
    private readonly references: ClientReferenceRegistry,
    private readonly bsnIndex: BsnIndex,
    private readonly keyVault: KeyVault,
    private readonly signals: BsnSignalThrottle,
    private readonly accessLog: AccessLog,
  ) {}

  async resolve(partner: Publisher, event: CloudEvent): Promise<ResolvedClient> {
    const resolved = await this.client(partner, event);
    return { ...resolved, data: await this.sealText(resolved.clientId, event.type, resolved.data) };
  }

  private async client(partner: Publisher, event: CloudEvent): Promise<ResolvedClient> {
    switch (event.type) {
      case 'nl.samenloop.client-enrolled.v1':
        return this.enrolment(partner, event);
      case 'nl.samenloop.involvement-signalled.v1':
        return this.signal(partner, event);
      case 'nl.samenloop.client-reference-linked.v1': {
        const clientId = await this.known(partner, event.subject);
        const { reference } = event.data;
        await this.assertFree(partner, reference, clientId);
        return {
          clientId,
          data: event.data,
          afterAppend: () => this.bind(partner, reference, clientId),
        };
      }
      case 'nl.samenloop.life-areas-assessed.v1': {
        const data = { ...event.data, instrument: event.data.instrument ?? ZRM_2017_INSTRUMENT };
        return { clientId: await this.known(partner, event.subject), data, afterAppend: nothing };
      }
      default:
        return {
          clientId: await this.known(partner, event.subject),
          data: event.data,
          afterAppend: nothing,
        };
    }
  }

  private async enrolment(
    partner: Publisher,
    { subject, data }: CloudEventOf<'nl.samenloop.client-enrolled.v1'>,
  ): Promise<ResolvedClient> {
    const { person, ...enrolment } = data;
    const bsnHash = person.bsn === undefined ? undefined : this.bsnIndex.hash(person.bsn);
    const named = await this.references.resolve(partner.id, subject);
    if (bsnHash !== undefined) {
      const holder = await this.bsnIndex.match(bsnHash);
      if (holder !== undefined && holder !== named) {
        throw intakeProblem('already-enrolled', 'a client with this BSN is already enrolled');
      }
    }
    // A reference already reserved by a refused enrolment is reused; if its client is enrolled,
    // the decider answers already-enrolled.
    const clientId = named ?? (await this.reserve(partner, subject));
    return {
      clientId,
      data: {
        ...enrolment,
        person: { sealed: await this.seal(clientId, person) },
        reference: subject,
      },
      afterAppend: async () => {
        if (bsnHash !== undefined) await this.bsnIndex.register(bsnHash, clientId);
      },
    };
  }

  private async signal(
    partner: Publisher,
    { id, actor, subject, data }: CloudEventOf<'nl.samenloop.involvement-signalled.v1'>,
  ): Promise<ResolvedClient> {
    // Before the match, so that a partner over its limit learns nothing about the BSN.
    const admission = await this.signals.admit(partner.id);
    if (!admission.admitted) {
      bsnSignalMetrics.counted(partner.id, 'throttled');
      const retryAfter = String(admission.retryAfterSeconds);
      throw intakeProblem(
        'too-many-signals',
        `partner ${partner.id} sent more BSN signals this minute than allowed; retry after ${retryAfter} s`,
        // The member too: an item of a batch answer has no headers of its own.
        {
          headers: { 'Retry-After': retryAfter },
          extensions: { retryAfter: admission.retryAfterSeconds },
        },
      );
    }
    const bsnHash = this.bsnIndex.hash(data.bsn);
    const clientId = await this.bsnIndex.match(bsnHash);
    // Nothing about an unmatched BSN is kept, not even its hash; a match keeps it only here.
    if (clientId === undefined) {
      await this.missed(partner, id, actor);
      throw intakeProblem('unknown-client', 'no client is enrolled with this BSN');
    }
    bsnSignalMetrics.counted(partner.id, 'match');
    await this.assertFree(partner, subject, clientId);
    return {
      clientId,
      data: {},
      afterAppend: () => this.bind(partner, subject, clientId),
    };
  }

  /**
   * A BSN that matched nobody: one miss is a typo, many are someone testing BSNs, which the access
   * log and the metric make visible. The entry names the partner and its event, never the BSN.
   */
  private async missed(partner: Publisher, eventId: string, actor: string | undefined) {
    bsnSignalMetrics.counted(partner.id, 'miss');
    await this.accessLog.record({
      action: 'bsn.signal.miss',
      clientId: null,
      user: actor ?? `partner:${partner.id}`,
      partnerId: partner.id,
      accessPoint: 'intake:nl.samenloop.involvement-signalled.v1',
      authorisation: { basis: 'agreement', reference: 'signal-and-match' },
      detail: { eventId },
    });
  }

  private async known(partner: Publisher, reference: string): Promise<string> {
    const key = `${partner.id}\n${reference}`;
    const remembered = this.bound.get(key);
    if (remembered !== undefined) return remembered;
    const clientId = await this.references.resolve(partner.id, reference);
    if (clientId !== undefined) this.bound.set(key, clientId);
    // Each partner has its own names for clients: another partner's reference means nothing here.
    if (clientId === undefined) {
      throw intakeProblem('unknown-client', 'you know no client by this reference');
    }
    return clientId;
  }

  /** Reserves a new client id under the partner's reference, or takes a concurrent reservation. */
  private async reserve(partner: Publisher, reference: string): Promise<string> {
    const clientId = randomUUID();
    try {
      await this.references.bind(partner.id, reference, clientId);
      return clientId;
    } catch (error) {
      if (!(error instanceof ReferenceTakenError)) throw error;
      return (
        (await this.references.resolve(partner.id, reference)) ?? this.reserve(partner, reference)
      );
    }
  }

  private async seal(clientId: string, person: PersonData): Promise<string> {
    try {
      return await this.keyVault.encrypt(clientId, person);
    } catch (error) {
      if (!(error instanceof ClientErasedError)) throw error;
      throw intakeProblem(
        'already-enrolled',
        'this reference named a client that was erased; enrol under a new reference',
      );
    }
  }

  private async sealText(
    clientId: string,
    type: EventType,
    data: ResolvedClient['data'],
  ): Promise<ResolvedClient['data']> {
    try {
      return await sealFreeText(this.keyVault, clientId, type, data);
    } catch (error) {
      if (!(error instanceof ClientErasedError)) throw error;
      // What the decider answers for an erased client, which it would otherwise get to see.
      throw intakeProblem('unknown-client', 'no such client');
    }
  }

  private async assertFree(partner: Publisher, reference: string, clientId: string): Promise<void> {
    const named = await this.references.resolve(partner.id, reference);
    if (named !== undefined && named !== clientId) {
      throw intakeProblem(
        'reference-taken',
        'this reference already names another of your clients',
      );
    }
  }

  private async bind(partner: Publisher, reference: string, clientId: string): Promise<void> {
    try {
      await this.references.bind(partner.id, reference, clientId);
    } catch (error) {
      if (!(error instanceof ReferenceTakenError)) throw error;
      // Checked before the append, so only a concurrent link of the same reference lands here.
      // The stored event stands; the reference stays with the client it named first.
      this.logger.warn(`partner ${partner.id}: a reference was bound to another client meanwhile`);
    }
  }
}
