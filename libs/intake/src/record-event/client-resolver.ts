import { Injectable } from '@nestjs/common';
import {
  AccessLog,
  ClientErasedError,
  KeyVault,
  sealFreeText,
  type DataKeySealer,
} from '@samenloop/privacy';
import { ZRM_2017_INSTRUMENT, type CommandDataMap, type EventType } from '@samenloop/domain';
import { BsnIndex, BsnSignalThrottle, ClientReferenceRegistry } from '@samenloop/sharing';
import type { CloudEvent, CloudEventOf } from '@samenloop/contracts';
import { bsnSignalMetrics, LruCache } from '@samenloop/platform';
import type { IntakeBinding, IntakeWrite } from './intake-committer';
import { refused, refusedForNow } from './intake-refusal';
import { uuidV5 } from './uuid-v5-util';
import type { Publisher } from './record-partner-event.command';

/** The client an event is about, the command data the decider gets for it, and what commits with it. */
export interface ResolvedClient {
  clientId: string;
  data: CommandDataMap[EventType];
  with: Pick<IntakeWrite, 'bindings' | 'bsn' | 'newKey'>;
}

const NOTHING_ELSE: ResolvedClient['with'] = { bindings: [] };

/** Namespace of the ids of clients enrolled under a reference; fixed for ever, like the ids. */
const ENROLLED_CLIENT_NAMESPACE = '6f1c2b7e-3d0a-4c55-8a7e-2b9d41f0c6a3';

/** References remembered per process; each is a few hundred bytes. */
const KNOWN_REFERENCES = 200_000;

/**
 * Finds the hub's client behind a partner's reference (or BSN), and turns what the partner sent
 * into what may be stored: the person and free text sealed with the client's key, the BSN as a
 * keyed hash.
 */
@Injectable()
export class ClientResolver {
  /**
   * (partner, reference) -> client, for references found bound. A binding is never changed or
   * removed (client_references is insert-only: bindings are written ON CONFLICT DO NOTHING), so a
   * remembered one stays true in every process; unknown references are always looked up again.
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
    const data = await this.sealText(resolved, event.type);
    return { ...resolved, data };
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
          with: { bindings: [binding(partner, reference, clientId, 'reference-taken')] },
        };
      }
      case 'nl.samenloop.life-areas-assessed.v1': {
        const data = { ...event.data, instrument: event.data.instrument ?? ZRM_2017_INSTRUMENT };
        return { clientId: await this.known(partner, event.subject), data, with: NOTHING_ELSE };
      }
      default:
        return {
          clientId: await this.known(partner, event.subject),
          data: event.data,
          with: NOTHING_ELSE,
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
        throw refused('already-enrolled', 'a client with this BSN is already enrolled');
      }
    }
    // A named client is enrolled already (the decider answers already-enrolled), or its
    // reference was reserved by an earlier version of the intake, which bound it before deciding.
    // A new one's id follows from the reference, so that every attempt to enrol it, and any twin
    // request, writes the same stream: the stream's lock and revision decide between them.
    const clientId =
      named ?? uuidV5(JSON.stringify([partner.id, subject]), ENROLLED_CLIENT_NAMESPACE);
    const { seal, newKey } = await this.sealerFor(clientId);
    return {
      clientId,
      data: { ...enrolment, person: { sealed: seal(person) }, reference: subject },
      with: {
        bindings: named ? [] : [binding(partner, subject, clientId, 'already-enrolled')],
        ...(bsnHash === undefined ? {} : { bsn: { bsnHash, clientId } }),
        ...(newKey ? { newKey } : {}),
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
      const retryAfter = admission.retryAfterSeconds;
      throw refusedForNow(
        'too-many-signals',
        `partner ${partner.id} sent more BSN signals this minute than allowed; retry after ${retryAfter} s`,
        retryAfter,
      );
    }
    const bsnHash = this.bsnIndex.hash(data.bsn);
    const clientId = await this.bsnIndex.match(bsnHash);
    // Nothing about an unmatched BSN is kept, not even its hash; a match keeps it only here.
    if (clientId === undefined) {
      await this.missed(partner, id, actor);
      throw refused('unknown-client', 'no client is enrolled with this BSN');
    }
    bsnSignalMetrics.counted(partner.id, 'match');
    await this.assertFree(partner, subject, clientId);
    return {
      clientId,
      data: {},
      with: { bindings: [binding(partner, subject, clientId, 'reference-taken')] },
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
      throw refused('unknown-client', 'you know no client by this reference');
    }
    return clientId;
  }

  private async sealerFor(clientId: string): Promise<DataKeySealer> {
    try {
      return await this.keyVault.sealerFor(clientId);
    } catch (error) {
      if (!(error instanceof ClientErasedError)) throw error;
      throw refused(
        'already-enrolled',
        'this reference named a client that was erased; enrol under a new reference',
      );
    }
  }

  /** The free text sealed with the client's key: a new client's, or the one the vault holds. */
  private async sealText(
    { clientId, data, with: { newKey } }: ResolvedClient,
    type: EventType,
  ): Promise<ResolvedClient['data']> {
    const sealer = newKey
      ? { encrypt: async (_: string, value: unknown) => newKey.seal(value) }
      : this.keyVault;
    try {
      return await sealFreeText(sealer, clientId, type, data);
    } catch (error) {
      if (!(error instanceof ClientErasedError)) throw error;
      // What the decider answers for an erased client, which it would otherwise get to see.
      throw refused('unknown-client', 'no such client');
    }
  }

  private async assertFree(partner: Publisher, reference: string, clientId: string): Promise<void> {
    const named = await this.references.resolve(partner.id, reference);
    if (named !== undefined && named !== clientId) {
      throw refused('reference-taken', 'this reference already names another of your clients');
    }
  }
}

function binding(
  partner: Publisher,
  reference: string,
  clientId: string,
  whenTaken: IntakeBinding['whenTaken'],
): IntakeBinding {
  return { partnerId: partner.id, reference, clientId, whenTaken };
}
