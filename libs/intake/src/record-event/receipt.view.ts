import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { EVENT_TYPES } from '@samenloop/domain';
import type { ProblemDetails } from '@samenloop/platform';
import type { Receipt } from '../receipts/receipt-types';

export class ReceiptView implements Receipt {
  @ApiProperty({ description: 'The CloudEvent id, as sent' })
  id!: string;

  @ApiProperty({ example: 'urn:samenloop:partner:gemeente-helmond' })
  source!: string;

  @ApiProperty({ enum: EVENT_TYPES })
  type!: string;

  @ApiProperty({ description: 'Your reference for the client' })
  subject!: string;

  @ApiProperty({ description: "The event's position in the hub's global log" })
  position!: number;

  @ApiProperty({ format: 'date-time', description: 'When the hub stored the event' })
  receivedAt!: string;
}

export class BatchResultView {
  @ApiProperty({ description: 'Index of the event in the batch' })
  index!: number;

  @ApiProperty({ description: 'What the event would have got on its own: 201, 200 or an error' })
  status!: number;

  @ApiPropertyOptional({ type: ReceiptView })
  receipt?: ReceiptView;

  @ApiPropertyOptional({ allOf: [{ $ref: getSchemaPath('Problem') }] })
  problem?: ProblemDetails;
}

export class BatchResultsView {
  @ApiProperty({ type: [BatchResultView] })
  results!: BatchResultView[];
}
