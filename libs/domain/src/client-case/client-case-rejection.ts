export type RejectionCode =
  | 'unknown-client'
  | 'not-involved'
  | 'type-not-allowed'
  | 'invalid-event'
  | 'case-closed'
  | 'referral-state'
  | 'goal-state'
  | 'lead-not-involved'
  | 'match-not-pending'
  | 'already-enrolled';

export interface Rejection {
  code: RejectionCode;
  detail: string;
  /** Data path of the offending value, e.g. `data.rung`; only for `invalid-event`. */
  field?: string;
}

export function reject(code: Exclude<RejectionCode, 'invalid-event'>, detail: string): Rejection {
  return { code, detail };
}

export function invalid(field: string, detail: string): Rejection {
  return { code: 'invalid-event', detail, field };
}
