import { Injectable, Logger, Optional } from '@nestjs/common';
import { buildOutboundEvent } from '@samenloop/contracts';
import {
  type ClientCaseEvent,
  type ClientCaseState,
  isHubIssued,
  type PartnerKind,
  toClientCaseEvent,
} from '@samenloop/domain';
import { EventStore, type RecordedEvent } from '@samenloop/event-store';
import type { SqlSession } from '@samenloop/platform';
import {
  CaseStates,
  type AgreementParty,
  ClientReferenceRegistry,
  type Delivery,
  entitlementFor,
  PartnerRegistry,
  type SharingAgreementSet,
  SharingAgreements,
  UNKNOWN_SENDER_KIND,
} from '@samenloop/sharing';
import { type CaseAt, ClientCaseCache, type CaseStep } from './client-case-cache';
import { FEED_CHANNEL } from './feed-notifications';
import type { FeedRow } from './feed-row';
import { identityFieldsOf, sealedPersonOf, withoutPerson } from './identity-fields.policy';

/** Within PostgreSQL's 8,000 bytes for a payload; a longer list of partners is sent as "all". */
const MAX_NOTICE_BYTES = 7_000;

/** What a receiver may have of one event, before its reference for the client is looked up. */
interface EntitledDelivery {
  receiver: AgreementParty;
  recorded: RecordedEvent;
  clientId: string;
  event: ClientCaseEvent;
  entitlement: Delivery;
  involvedPartners: string[];
  /** Its own reference in the stream, if it has one there. */
  subject?: string;
}

interface Batch {
  receivers: readonly AgreementParty[];
  kinds: ReadonlyMap<string, PartnerKind>;
  agreements: SharingAgreementSet;
}

/**
 * Turns stored client-case events into what each partner may receive of them, in log order, and
 * writes it to partner_feed in the transaction that moves the consumer's checkpoint.
 */
@Injectable()
export class FeedMaterializer {
  private readonly logger = new Logger(FeedMaterializer.name);
  private readonly cases: ClientCaseCache;
  private versionInForce?: string;

  constructor(
    store: EventStore,
    private readonly partners: PartnerRegistry,
    private readonly agreements: SharingAgreements,
    private readonly references: ClientReferenceRegistry,
    // Only where this process runs the intake too.
    @Optional() intakeStates?: CaseStates,
  ) {
    this.cases = new ClientCaseCache(store, { intakeStates });
  }

  async handle(events: readonly RecordedEvent[], transaction: SqlSession): Promise<void> {
    const [partners, steps] = await Promise.all([this.partners.list(), this.cases.steps(events)]);
    // The version in force now: an edited agreements file applies from the next batch on.
    const batch: Batch = {
      receivers: partners.map(({ id, kind }) => ({ id, kind })),
      kinds: new Map(partners.map(({ id, kind }) => [id, kind])),
      agreements: this.agreements.current(),
    };
    const deliveries = steps.flatMap((step) => this.deliveriesOf(step, batch));
    // Looked up for the whole batch at once: a round trip per row waits its turn on the event loop
    // and the pool, both kept busy by the other consumers while the hub replays.
    const referenceOf = await this.references.referencesFor(
      deliveries
        .filter(({ subject }) => subject === undefined)
        .map(({ receiver, clientId }) => ({ partnerId: receiver.id, clientId })),
    );
    const rows = deliveries.map((delivery) =>
      feedRow(delivery, delivery.subject ?? referenceOf(delivery.receiver.id, delivery.clientId)),
    );
    await insert(transaction, rows);
    this.report(batch.agreements.version, events, rows);
  }

  private deliveriesOf(
    { clientId, recorded, before, after }: CaseStep,
    batch: Batch,
  ): EntitledDelivery[] {
    const deliveries: EntitledDelivery[] = [];
    // A partner that joins is told who the client is (enrolment reaches only the municipality
    // itself), under the case as it is now; before the event that made it join. So is one whose
    // match was just confirmed: its agreement may have held the enrolment back until now.
    if (after.enrolment) {
      const joined = batch.receivers.filter(({ id }) => learnsOf(before.state, after.state, id));
      for (const receiver of joined) {
        deliveries.push(
          ...this.deliveryTo(receiver, after.enrolment, clientId, after, after.state, batch),
        );
      }
    }
    for (const receiver of batch.receivers) {
      deliveries.push(...this.deliveryTo(receiver, recorded, clientId, after, before.state, batch));
    }
    return deliveries;
  }

  private deliveryTo(
    receiver: AgreementParty,
    recorded: RecordedEvent,
    clientId: string,
    after: CaseAt,
    stateBefore: ClientCaseState,
    batch: Batch,
  ): EntitledDelivery[] {
    const event = toClientCaseEvent(recorded);
    const entitlement = entitlementFor({
      receiver,
      event,
      stateBefore,
      stateAfter: after.state,
      senderKind: this.senderKind(event, batch.kinds),
      agreement: batch.agreements.agreementFor(receiver),
    });
    if (!entitlement.deliver) return [];
    return [
      {
        receiver,
        recorded,
        clientId,
        event,
        entitlement,
        involvedPartners: after.state.enrolled ? [...after.state.involved] : [],
        subject: after.references.get(receiver.id),
      },
    ];
  }

  private senderKind(
    event: ClientCaseEvent,
    kinds: ReadonlyMap<string, PartnerKind>,
  ): PartnerKind | undefined {
    if (isHubIssued(event)) return undefined;
    const { partnerId } = event;
    const kind = kinds.get(partnerId);
    if (kind) return kind;
    this.logger.warn(`sender ${partnerId} is not registered; its data is treated as secret`);
    return UNKNOWN_SENDER_KIND;
  }

  private report(version: string, events: readonly RecordedEvent[], rows: readonly FeedRow[]) {
    if (version !== this.versionInForce) {
      this.logger.log(
        `sharing agreements version ${version} applies from position ${events[0]?.position}`,
      );
      this.versionInForce = version;
    }
    this.logger.debug(
      `${rows.length} deliveries for ${events.length} events under agreements version ${version}`,
    );
  }
}

function feedRow(delivery: EntitledDelivery, subject: string): FeedRow {
  const { receiver, recorded, clientId, event, entitlement, involvedPartners } = delivery;
  const outbound = buildOutboundEvent({
    event,
    sourceEventId: event.eventId,
    position: recorded.position,
    receiverId: receiver.id,
    receiverReference: subject,
    entitlement: withoutPerson(entitlement),
    involvedPartners,
  });
  const { agreementVersion, legalBasis, purpose } = entitlement.basis;
  const identityFields = identityFieldsOf(event.data, entitlement);
  return {
    partnerId: receiver.id,
    position: recorded.position,
    clientId,
    streamRevision: recorded.revision,
    type: outbound.type,
    subject,
    agreementVersion,
    legalBasis,
    purpose,
    event: outbound,
    identityFields,
    sealedPerson: identityFields === null ? null : (sealedPersonOf(event.data) ?? null),
    correlationId: correlationIdOf(recorded),
  };
}

function correlationIdOf({ metadata }: RecordedEvent): string | null {
  return typeof metadata.correlationId === 'string' ? metadata.correlationId : null;
}

function involved(state: ClientCaseState, partnerId: string): boolean {
  return state.enrolled && state.involved.has(partnerId);
}

function unconfirmed(state: ClientCaseState, partnerId: string): boolean {
  return state.enrolled && state.unconfirmed.has(partnerId);
}

/** The enrolment is offered again on confirmation; a partner that had it is not sent it twice. */
function learnsOf(before: ClientCaseState, after: ClientCaseState, partnerId: string): boolean {
  if (!involved(after, partnerId)) return false;
  return (
    !involved(before, partnerId) ||
    (unconfirmed(before, partnerId) && !unconfirmed(after, partnerId))
  );
}

/**
 * Writes the rows and tells every hub process which partners they are for, in one statement. The
 * notice goes out at commit; a partner that leaves and joins again already has the enrolment, so
 * a row already there is skipped, and a batch that adds nothing tells nobody.
 */
async function insert(transaction: SqlSession, rows: readonly FeedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((row) => ({
    partner_id: row.partnerId,
    position: row.position,
    client_id: row.clientId,
    stream_revision: row.streamRevision,
    type: row.type,
    subject: row.subject,
    agreement_version: row.agreementVersion,
    legal_basis: row.legalBasis,
    purpose: row.purpose,
    event: row.event,
    identity_fields: row.identityFields,
    sealed_person: row.sealedPerson,
    correlation_id: row.correlationId,
  }));
  // Each row takes its seq as it is inserted, in the order of the batch: the feed's order.
  await transaction.query(
    `WITH inserted AS (
       INSERT INTO partner_feed (partner_id, position, client_id, stream_revision, type, subject,
         agreement_version, legal_basis, purpose, event, identity_fields, sealed_person,
         correlation_id)
       SELECT partner_id, position, client_id, stream_revision, type, subject,
         agreement_version, legal_basis, purpose, event, identity_fields, sealed_person,
         correlation_id
       FROM json_populate_recordset(NULL::partner_feed, $1::json) WITH ORDINALITY AS batch_row
       ORDER BY batch_row.ordinality
       ON CONFLICT (partner_id, position) DO NOTHING
       RETURNING partner_id
     )
     SELECT pg_notify($2, CASE WHEN octet_length(partners) <= $3 THEN partners ELSE '' END)
     FROM (SELECT json_agg(DISTINCT partner_id)::text AS partners FROM inserted) AS written
     WHERE partners IS NOT NULL`,
    [JSON.stringify(records), FEED_CHANNEL, MAX_NOTICE_BYTES],
  );
}
