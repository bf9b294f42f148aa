import {
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  VISIT_LOCATIONS,
  type ContactChannel,
  type ContactOutcome,
  type VisitLocation,
} from '@samenloop/domain';
import { IsIn } from 'class-validator';
import type { WireData } from './cloud-event-types';
import { IsCode, IsFreeText, IsPartnerId, IsSetOf, IsWholeNumber, Optional } from './field.rules';

export class ContactAttemptedDataDto implements WireData<'nl.samenloop.contact-attempted.v1'> {
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @IsIn(CONTACT_OUTCOMES)
  outcome!: ContactOutcome;
}

export class VisitHeldDataDto implements WireData<'nl.samenloop.visit-held.v1'> {
  @IsIn(VISIT_LOCATIONS)
  location!: VisitLocation;

  /** Codes of the configured life-area set, which the decider checks. */
  @IsSetOf(IsCode(true))
  lifeAreasDiscussed!: string[];

  @Optional()
  @IsSetOf(IsPartnerId(true))
  withPartners?: string[];

  @Optional()
  @IsWholeNumber(1, 24 * 60)
  durationMinutes?: number;

  @Optional()
  @IsFreeText()
  notes?: string;
}
