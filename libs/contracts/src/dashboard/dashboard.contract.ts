/**
 * The JSON API under `/v1/dashboard` that the case-lead dashboard (apps/dashboard) reads. Shared by
 * the server and the web page, so both change together. Clients are named by the viewer's own
 * partner reference; the hub's client id never leaves the server.
 */

export type Role = 'case-lead' | 'auditor' | 'admin';

export interface SessionView {
  user: string;
  displayName: string;
  role: Role;
  /** The partner the professional works for; absent for hub-wide auditors and admins. */
  partner?: { id: string; kind: string; name: string };
}

export interface SignInRequest {
  username: string;
  password: string;
}

export type SignalRule =
  | 'unreached-after-attempts'
  | 'referral-unanswered'
  | 'working-past-each-other'
  | 'no-contact'
  | 'no-case-lead';

export interface SignalView {
  rule: SignalRule;
  /** ISO time the condition started to hold. */
  since: string;
  /** One line for people, Dutch or English by the `lang` query parameter. */
  summary: string;
}

export interface CaseloadRow {
  reference: string;
  displayName: string | { restricted: true };
  status: 'open' | 'closed' | 'erased';
  lead?: { partnerId: string; partnerName: string; actor: string };
  /** True when the viewer's partner leads this client. */
  ledByViewer: boolean;
  involvedPartners: { id: string; name: string; kind: string }[];
  firstRung?: number;
  currentRung?: number;
  lastContactAt?: string;
  attemptsSinceLastContact: number;
  openReferrals: number;
  openGoals: number;
  reachedGoals: number;
  signals: SignalView[];
}

export interface CaseloadQuery {
  /** `mine` (led by the viewer's partner) or `involved` (every client the partner is involved with). */
  scope?: 'mine' | 'involved';
  status?: 'open' | 'closed';
  signal?: SignalRule;
  search?: string;
  sort?: 'reference' | 'lastContactAt' | 'currentRung' | 'signals' | 'openReferrals';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface CaseloadPage {
  total: number;
  rows: CaseloadRow[];
}

export type Category =
  'identity' | 'involvement' | 'contact' | 'assessment' | 'referral' | 'content';

export type TimelineEntry =
  | {
      position: number;
      occurredAt: string;
      partner: { id: string; name: string; kind: string };
      restricted: false;
      type: string;
      category: Category;
      actor?: string;
      /** One line for people. */
      summary: string;
    }
  | {
      position: number;
      occurredAt: string;
      partner: { id: string; name: string; kind: string };
      /** The viewer may not read it: only who and when are shown. */
      restricted: true;
    };

export interface ClientDetail {
  reference: string;
  displayName: string | { restricted: true };
  status: 'open' | 'closed' | 'erased';
  municipality: string;
  lead?: { partnerId: string; partnerName: string; actor: string };
  involvedPartners: { id: string; name: string; kind: string }[];
  ladder: { rung: number; at: string; partnerId: string }[];
  lifeAreas: { instrument: string; at: string; scores: Record<string, number> } | null;
  referrals: {
    referralId: string;
    service: string;
    fromPartnerId: string;
    toPartnerId?: string;
    status: 'made' | 'accepted' | 'declined' | 'completed' | 'cancelled';
    madeAt: string;
    /** Whole days since it was made, as of the request. */
    ageDays: number;
  }[];
  goals: {
    goalId: string;
    lifeArea: string;
    description: string | { restricted: true };
    status: 'open' | 'achieved' | 'abandoned';
  }[];
  signals: SignalView[];
}

export interface TimelinePage {
  entries: TimelineEntry[];
}

export interface OutcomesQuery {
  municipality?: string;
  /** ISO dates bounding the period (inclusive). */
  from?: string;
  to?: string;
}

export interface Outcomes {
  municipality: string | null;
  from: string | null;
  to: string | null;
  clients: number;
  /** Of clients with two or more ladder measurements: the share whose latest rung is above the first. */
  ladderRise: { share: number | null; clients: number; rose: number };
  /** Of clients with a goal: the share who reached at least one. */
  goalReached: { share: number | null; clients: number; reached: number };
  medianAttemptsBeforeFirstAppointment: number | null;
  medianVisitsBeforeFirstFullAssessment: number | null;
  /** For the chart: clients per current rung. */
  rungDistribution: { rung: number; clients: number }[];
}
