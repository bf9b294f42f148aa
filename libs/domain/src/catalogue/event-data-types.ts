import type { DataCategory } from './data-category.catalogue';
import type { EventType } from './event-type.catalogue';
import type { ZrmScore } from './life-area.catalogue';
import type { Rung } from './participation-ladder.catalogue';
import type {
  ClientProfile,
  CloseReason,
  ContactChannel,
  ContactOutcome,
  ReferralOutcome,
  ReferralService,
  VisitLocation,
} from './vocabulary.catalogue';

/**
 * The person (name, birth date, optional BSN) encrypted with the client's own data key by the
 * intake: the domain never sees clear personal data, and destroying the key erases it.
 */
export interface SealedPerson {
  sealed: string;
}

/**
 * Free text about the client (notes, goals, reasons), sealed with the client's data key by the
 * intake like the person, so that erasure removes it too. Events recorded before free text was
 * sealed hold it in clear, and stay as they were: the log is immutable.
 */
export type FreeText = string | SealedText;

export interface SealedText {
  sealed: string;
}

export interface ClientEnrolledData {
  /** CBS municipality code, e.g. `GM0794`. */
  municipality: string;
  programme?: string;
  profile?: ClientProfile;
  startRung?: Rung;
  person: SealedPerson;
  /** The enrolling partner's own reference (its `subject`), so reference lookups rebuild from the stream. */
  reference?: string;
}

export interface ClientReferenceLinkedData {
  reference: string;
}

/**
 * The intake matched the BSN in its index (keyed hash to client, deleted on erasure); the hash
 * stays out of the immutable log, where it would single the person out after erasure.
 */
export type InvolvementSignalledData = Record<string, never>;

/**
 * The enrolling municipality vouches for a match made on a signal: where the receiver's agreement
 * says `identityOnMatch: after-confirmation`, the matched partner learns who the client is only now.
 */
export interface InvolvementConfirmedData {
  /** The partner whose match is confirmed. */
  partner: string;
}

/** Shared by every event whose only optional field is a free-text reason. */
export interface ReasonData {
  reason?: FreeText;
}

/** The administrator's reason, for the record: it holds no personal data, so stays readable. */
export interface ClientErasedData {
  reason?: string;
}

export interface CaseLeadAssignedData {
  leadPartner: string;
  leadActor: string;
  reason?: FreeText;
}

export interface ContactAttemptedData {
  channel: ContactChannel;
  outcome: ContactOutcome;
}

export interface VisitHeldData {
  location: VisitLocation;
  lifeAreasDiscussed: readonly string[];
  withPartners?: readonly string[];
  durationMinutes?: number;
  notes?: FreeText;
}

export interface LifeAreasAssessedData {
  instrument: string;
  /** Life-area code to score; codes come from the configured life-area set. */
  scores: Readonly<Record<string, ZrmScore>>;
}

export interface GoalSetData {
  goalId: string;
  lifeArea: string;
  description: FreeText;
}

export interface GoalClosedData {
  goalId: string;
  reason?: FreeText;
}

export interface ReferralMadeData {
  referralId: string;
  service: ReferralService;
  toPartner?: string;
  reason?: FreeText;
}

/** accepted, declined and cancelled carry the same fields. */
export interface ReferralStepData {
  referralId: string;
  reason?: FreeText;
}

export interface ReferralCompletedData {
  referralId: string;
  outcome: ReferralOutcome;
}

export interface LadderStepReachedData {
  rung: Rung;
}

export interface ConsentData {
  toPartner: string;
  categories: readonly DataCategory[];
}

export interface CaseClosedData {
  reason: CloseReason;
}

export interface EventDataMap {
  'nl.samenloop.client-enrolled.v1': ClientEnrolledData;
  'nl.samenloop.client-reference-linked.v1': ClientReferenceLinkedData;
  'nl.samenloop.involvement-signalled.v1': InvolvementSignalledData;
  'nl.samenloop.involvement-ended.v1': ReasonData;
  'nl.samenloop.involvement-confirmed.v1': InvolvementConfirmedData;
  'nl.samenloop.case-lead-assigned.v1': CaseLeadAssignedData;
  'nl.samenloop.contact-attempted.v1': ContactAttemptedData;
  'nl.samenloop.visit-held.v1': VisitHeldData;
  'nl.samenloop.life-areas-assessed.v1': LifeAreasAssessedData;
  'nl.samenloop.goal-set.v1': GoalSetData;
  'nl.samenloop.goal-achieved.v1': GoalClosedData;
  'nl.samenloop.goal-abandoned.v1': GoalClosedData;
  'nl.samenloop.referral-made.v1': ReferralMadeData;
  'nl.samenloop.referral-accepted.v1': ReferralStepData;
  'nl.samenloop.referral-declined.v1': ReferralStepData;
  'nl.samenloop.referral-completed.v1': ReferralCompletedData;
  'nl.samenloop.referral-cancelled.v1': ReferralStepData;
  'nl.samenloop.ladder-step-reached.v1': LadderStepReachedData;
  'nl.samenloop.consent-granted.v1': ConsentData;
  'nl.samenloop.consent-withdrawn.v1': ConsentData;
  'nl.samenloop.case-closed.v1': CaseClosedData;
  'nl.samenloop.client-erased.v1': ClientErasedData;
}

export type EventData<T extends EventType = EventType> = EventDataMap[T];
