import {
  CLOSE_REASONS,
  DATA_CATEGORIES,
  type CloseReason,
  type DataCategory,
} from '@samenloop/domain';
import { IsIn } from 'class-validator';
import type { WireData } from './cloud-event-types';
import {
  IsBsn,
  IsFreeText,
  IsIdentifier,
  IsPartnerId,
  IsReference,
  IsSetOf,
  Optional,
} from './field.rules';

export class ClientReferenceLinkedDataDto implements WireData<'nl.samenloop.client-reference-linked.v1'> {
  @IsReference()
  reference!: string;
}

export class InvolvementSignalledDataDto implements WireData<'nl.samenloop.involvement-signalled.v1'> {
  @IsBsn()
  bsn!: string;
}

export class InvolvementConfirmedDataDto implements WireData<'nl.samenloop.involvement-confirmed.v1'> {
  @IsPartnerId()
  partner!: string;
}

/** involvement-ended and client-erased. */
export class ReasonDataDto implements WireData<'nl.samenloop.involvement-ended.v1'> {
  @Optional()
  @IsFreeText()
  reason?: string;
}

export class CaseLeadAssignedDataDto implements WireData<'nl.samenloop.case-lead-assigned.v1'> {
  @IsPartnerId()
  leadPartner!: string;

  @IsIdentifier()
  leadActor!: string;

  @Optional()
  @IsFreeText()
  reason?: string;
}

/** consent-granted and consent-withdrawn. */
export class ConsentDataDto implements WireData<'nl.samenloop.consent-granted.v1'> {
  @IsPartnerId()
  toPartner!: string;

  @IsSetOf(IsIn(DATA_CATEGORIES, { each: true }), 1)
  categories!: DataCategory[];
}

export class CaseClosedDataDto implements WireData<'nl.samenloop.case-closed.v1'> {
  @IsIn(CLOSE_REASONS)
  reason!: CloseReason;
}
