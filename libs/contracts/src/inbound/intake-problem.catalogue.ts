import type { RejectionCode } from '@samenloop/domain';

export type IntakeProblemCode =
  | RejectionCode
  | 'source-mismatch'
  | 'duplicate-id'
  | 'reference-taken'
  | 'concurrency-conflict'
  | 'invalid-batch'
  | 'too-many-signals'
  | 'unsupported-media-type';

/**
 * Every answer the intake refuses with: the code is the problem `type` suffix partners branch on
 * (docs/inbound.md, generated from this table), so codes are never renamed.
 */
export const INTAKE_PROBLEMS: {
  readonly [C in IntakeProblemCode]: readonly [status: number, title: string];
} = {
  'invalid-event': [400, 'The event is not valid'],
  'invalid-batch': [400, 'The batch is not valid'],
  'source-mismatch': [403, 'The source is not the authenticated partner'],
  'type-not-allowed': [403, 'Event type not allowed for this partner'],
  'not-involved': [403, 'Partner not involved with this client'],
  'unknown-client': [404, 'Unknown client'],
  // Conflicts with what the hub already holds.
  'duplicate-id': [409, 'Event id already used for other content'],
  'already-enrolled': [409, 'Client already enrolled'],
  'reference-taken': [409, 'Reference already names another client'],
  'concurrency-conflict': [409, 'Too many concurrent writers on this client'],
  'unsupported-media-type': [415, 'Unsupported media type'],
  'too-many-signals': [429, 'Too many BSN signals'],
  'case-closed': [422, 'Case closed'],
  'referral-state': [422, 'Referral state out of order'],
  'goal-state': [422, 'Goal unknown or already closed'],
  'lead-not-involved': [422, 'Lead partner not involved'],
  'match-not-pending': [422, 'No match awaiting confirmation'],
};
