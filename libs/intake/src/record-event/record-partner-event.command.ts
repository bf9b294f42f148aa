import { Command } from '@nestjs/cqrs';
import type { Partner } from '@samenloop/sharing';
import type { CloudEvent } from '@samenloop/contracts';
import type { Receipt } from '../receipts/receipt-types';

export type Publisher = Pick<Partner, 'id' | 'kind'>;

export interface RecordedPartnerEvent {
  /** 201 when stored now, 200 when it had been stored before (a resend). */
  status: 200 | 201;
  receipt: Receipt;
}

/** A validated CloudEvent that an authenticated partner published. */
export class RecordPartnerEventCommand extends Command<RecordedPartnerEvent> {
  constructor(
    readonly partner: Publisher,
    readonly event: CloudEvent,
    /** The request id, kept as the stored event's correlation id. */
    readonly requestId: string,
  ) {
    super();
  }
}
