import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { mayPublish, type PartnerCommand } from '@samenloop/domain';
import { ProblemException } from '@samenloop/platform';
import { sourceOf, type CloudEvent } from '../cloud-event/cloud-event.types';
import { ReceiptStore, type ReceiptClaim } from '../receipts/receipt.store';
import { ClientResolver } from './client.resolver';
import { ClientCaseWriter } from './client-case.writer';
import { ContentHasher } from './content.hasher';
import { intakeProblem } from './intake.problems';
import {
  RecordPartnerEventCommand,
  type Publisher,
  type RecordedPartnerEvent,
} from './record-partner-event.command';
import { uuidV5 } from './uuid-v5.util';

/** Namespace of the store ids derived from (source, id); fixed for ever, like the ids. */
const CLOUD_EVENT_ID_NAMESPACE = '0b6f4f3e-6a43-4d4e-9c1f-5d0c2c1e7a51';

/**
 * Records one CloudEvent: checks the sender, dedupes by (source, id), finds the client, lets the
 * decider judge it against the client's stream, stores it, and answers with a receipt.
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
      throw intakeProblem('source-mismatch', `partner ${partner.id} publishes as ${source}`);
    }
    if (!mayPublish(partner.kind, event.type)) {
      throw intakeProblem(
        'type-not-allowed',
        `a ${partner.kind} partner may not publish ${event.type}`,
      );
    }
    const claim: ReceiptClaim = {
      source,
      id: event.id,
      type: event.type,
      subject: event.subject,
      contentHash: this.hasher.hash(event),
    };
    const outcome = await this.receipts.claim(claim);
    if (outcome.state === 'recorded') return { status: 200, receipt: outcome.receipt };
    if (outcome.state === 'conflict') {
      throw intakeProblem(
        'duplicate-id',
        `event ${event.id} was received before with other content`,
      );
    }
    try {
      return await this.record(partner, event, claim, requestId, outcome.state === 'pending');
    } catch (error) {
      // A refused event leaves nothing behind. Any other failure may come after the append: the
      // claim then stays, for the resend to find the stored event.
      if (error instanceof ProblemException) await this.receipts.release(claim);
      throw error;
    }
  }

  private async record(
    partner: Publisher,
    event: CloudEvent,
    claim: ReceiptClaim,
    requestId: string,
    /** The claim was there before this request: its event may be stored already. */
    claimedBefore: boolean,
  ): Promise<RecordedPartnerEvent> {
    const client = await this.resolver.resolve(partner, event);
    const written = await this.writer.write({
      clientId: client.clientId,
      mayBeStored: claimedBefore,
      id: uuidV5(JSON.stringify([claim.source, claim.id]), CLOUD_EVENT_ID_NAMESPACE),
      trace: {
        source: claim.source,
        subject: claim.subject,
        contentHash: claim.contentHash,
        correlationId: requestId,
      },
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
    await client.afterAppend();
    const receipt = await this.receipts.record({
      ...claim,
      clientId: client.clientId,
      position: written.position,
      receivedAt: written.recordedAt,
    });
    return { status: written.fresh ? 201 : 200, receipt };
  }
}
