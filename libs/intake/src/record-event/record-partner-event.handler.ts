import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { publishRejection, type PartnerCommand } from '@samenloop/domain';
import { sourceOf, type CloudEvent } from '@samenloop/contracts';
import { ReceiptStore, type ReceiptClaim } from '../receipts/receipt.store';
import { ClientResolver } from './client-resolver';
import { ClientCaseWriter } from './client-case-writer';
import { ContentHasher } from './content-hasher';
import { IntakeRefused, refused, rejectionRefused } from './intake-refusal';
import {
  RecordPartnerEventCommand,
  type Publisher,
  type RecordedPartnerEvent,
} from './record-partner-event.command';
import { uuidV5 } from './uuid-v5-util';

/** Namespace of the store ids derived from (source, id); fixed for ever, like the ids. */
const CLOUD_EVENT_ID_NAMESPACE = '0b6f4f3e-6a43-4d4e-9c1f-5d0c2c1e7a51';

/**
 * Records one CloudEvent: checks the sender, finds the client, lets the decider judge it against
 * the client's stream, and stores it with its receipt and index rows in one transaction, which
 * also dedupes it by (source, id). Answers with the receipt; a refusal is thrown as an
 * IntakeRefused, for the HTTP and Kafka adapters to answer each in its own way.
 */
@CommandHandler(RecordPartnerEventCommand)
export class RecordPartnerEventHandler implements ICommandHandler<RecordPartnerEventCommand> {
  constructor(
    private readonly receipts: ReceiptStore,
    private readonly resolver: ClientResolver,
    private readonly writer: ClientCaseWriter,
    private readonly hasher: ContentHasher,
  ) {}

  async execute({
    partner,
    event,
    requestId,
  }: RecordPartnerEventCommand): Promise<RecordedPartnerEvent> {
    const source = sourceOf(partner.id);
    if (event.source !== source) {
      throw refused('source-mismatch', `partner ${partner.id} publishes as ${source}`);
    }
    const notAllowed = publishRejection(partner.kind, event.type);
    if (notAllowed) throw rejectionRefused(notAllowed);
    const claim: ReceiptClaim = {
      source,
      id: event.id,
      type: event.type,
      subject: event.subject,
      contentHash: this.hasher.hash(event),
    };
    try {
      return await this.record(partner, event, claim, requestId);
    } catch (error) {
      if (!(error instanceof IntakeRefused)) throw error;
      // A resend is answered with its first receipt even where deciding it again is refused (an
      // enrolment is, once enrolled): looked up only on refusal, so that accepting costs nothing.
      const prior = await this.receipts.find(claim);
      if (!prior) throw error;
      if (prior.contentHash !== claim.contentHash) {
        throw refused('duplicate-id', `event ${event.id} was received before with other content`);
      }
      return { status: 200, receipt: prior.receipt };
    }
  }

  private async record(
    partner: Publisher,
    event: CloudEvent,
    claim: ReceiptClaim,
    requestId: string,
  ): Promise<RecordedPartnerEvent> {
    const client = await this.resolver.resolve(partner, event);
    const { fresh, receipt } = await this.writer.write({
      clientId: client.clientId,
      id: uuidV5(JSON.stringify([claim.source, claim.id]), CLOUD_EVENT_ID_NAMESPACE),
      trace: {
        source: claim.source,
        subject: claim.subject,
        contentHash: claim.contentHash,
        correlationId: requestId,
      },
      receipt: claim,
      with: client.with,
      // The resolver pairs the data with the event's type; TypeScript cannot follow the pairing.
      command: (recordedAt) =>
        ({
          type: event.type,
          eventId: event.id,
          partnerId: partner.id,
          partnerKind: partner.kind,
          ...(event.actor === undefined ? {} : { actor: event.actor }),
          occurredAt: event.time,
          recordedAt,
          data: client.data,
        }) as PartnerCommand,
    });
    return { status: fresh ? 201 : 200, receipt };
  }
}
