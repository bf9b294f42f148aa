import type { EventType } from '@samenloop/domain';
import {
  GoalClosedDataDto,
  GoalSetDataDto,
  LadderStepReachedDataDto,
  LifeAreasAssessedDataDto,
} from './assessment-data.dto';
import { ContactAttemptedDataDto, VisitHeldDataDto } from './contact-data.dto';
import { ClientEnrolledDataDto } from './enrolment-data.dto';
import {
  CaseClosedDataDto,
  CaseLeadAssignedDataDto,
  ClientReferenceLinkedDataDto,
  ConsentDataDto,
  InvolvementConfirmedDataDto,
  InvolvementSignalledDataDto,
  ReasonDataDto,
} from './involvement-data.dto';
import {
  ReferralCompletedDataDto,
  ReferralMadeDataDto,
  ReferralStepDataDto,
} from './referral-data.dto';

/** The class that validates the `data` of each type of catalogue v1. */
export const EVENT_DATA_DTOS: { readonly [T in EventType]: new () => object } = {
  'nl.samenloop.client-enrolled.v1': ClientEnrolledDataDto,
  'nl.samenloop.client-reference-linked.v1': ClientReferenceLinkedDataDto,
  'nl.samenloop.involvement-signalled.v1': InvolvementSignalledDataDto,
  'nl.samenloop.involvement-ended.v1': ReasonDataDto,
  'nl.samenloop.involvement-confirmed.v1': InvolvementConfirmedDataDto,
  'nl.samenloop.case-lead-assigned.v1': CaseLeadAssignedDataDto,
  'nl.samenloop.contact-attempted.v1': ContactAttemptedDataDto,
  'nl.samenloop.visit-held.v1': VisitHeldDataDto,
  'nl.samenloop.life-areas-assessed.v1': LifeAreasAssessedDataDto,
  'nl.samenloop.goal-set.v1': GoalSetDataDto,
  'nl.samenloop.goal-achieved.v1': GoalClosedDataDto,
  'nl.samenloop.goal-abandoned.v1': GoalClosedDataDto,
  'nl.samenloop.referral-made.v1': ReferralMadeDataDto,
  'nl.samenloop.referral-accepted.v1': ReferralStepDataDto,
  'nl.samenloop.referral-declined.v1': ReferralStepDataDto,
  'nl.samenloop.referral-completed.v1': ReferralCompletedDataDto,
  'nl.samenloop.referral-cancelled.v1': ReferralStepDataDto,
  'nl.samenloop.ladder-step-reached.v1': LadderStepReachedDataDto,
  'nl.samenloop.consent-granted.v1': ConsentDataDto,
  'nl.samenloop.consent-withdrawn.v1': ConsentDataDto,
  'nl.samenloop.case-closed.v1': CaseClosedDataDto,
  'nl.samenloop.client-erased.v1': ReasonDataDto,
};
