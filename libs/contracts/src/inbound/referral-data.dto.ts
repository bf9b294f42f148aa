import {
  REFERRAL_OUTCOMES,
  REFERRAL_SERVICES,
  type ReferralOutcome,
  type ReferralService,
} from '@samenloop/domain';
import { IsIn } from 'class-validator';
import type { WireData } from './cloud-event-types';
import { IsFreeText, IsIdentifier, IsPartnerId, Optional } from './field.rules';

export class ReferralMadeDataDto implements WireData<'nl.samenloop.referral-made.v1'> {
  @IsIdentifier()
  referralId!: string;

  @IsIn(REFERRAL_SERVICES)
  service!: ReferralService;

  @Optional()
  @IsPartnerId()
  toPartner?: string;

  @Optional()
  @IsFreeText()
  reason?: string;
}

/** referral-accepted, referral-declined and referral-cancelled. */
export class ReferralStepDataDto implements WireData<'nl.samenloop.referral-accepted.v1'> {
  @IsIdentifier()
  referralId!: string;

  @Optional()
  @IsFreeText()
  reason?: string;
}

export class ReferralCompletedDataDto implements WireData<'nl.samenloop.referral-completed.v1'> {
  @IsIdentifier()
  referralId!: string;

  @IsIn(REFERRAL_OUTCOMES)
  outcome!: ReferralOutcome;
}
