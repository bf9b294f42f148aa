/**
 * The JSON the auditor pages of the dashboard (apps/dashboard) read from `/v1/audit`. Shared by the
 * server and the web page, so both change together; type-only imports of files without
 * dependencies, so that the browser build can read it.
 */
import type { RecordedAccess } from '@samenloop/privacy';
import type { AsOfClock } from './replay/as-of';
import type { PersonView } from './replay/client-person';
import type { IntegrityBreak, VerifyPhase } from './verify/integrity-break';

export type { RecordedAccess } from '@samenloop/privacy';
export type { IntegrityBreak, VerifyPhase } from './verify/integrity-break';
export type { AsOfClock } from './replay/as-of';

/** What an access disclosed: the event types delivered and their data categories. */
export interface Disclosure {
  types: string[];
  categories: string[];
}

/** An access-log entry as the audit pages show it: with its channel and what it disclosed. */
export interface AccessLogView extends RecordedAccess {
  /** See `ACCESS_CHANNELS`; `other` for an access point no channel matches. */
  channel: string;
  /** Null for an access that names no delivered positions (a dashboard view, an audit read). */
  disclosed: Disclosure | null;
}

export interface AccessLogViewPage {
  entries: AccessLogView[];
  /** Present when more entries match: pass it as `after` for the next page. */
  next?: string;
}

/** The latest signed seal and the public key its `keyId` fingerprints; null before the first. */
export interface IntegrityView {
  seal: {
    id: number;
    toPosition: number;
    treeSize: number;
    merkleRoot: string;
    signature: string;
    keyId: string;
    publicKey: string | null;
    createdAt: string;
  } | null;
}

/** A verification started from the dashboard, as the page polls it. */
export interface VerificationRun {
  id: string;
  startedBy: string;
  startedAt: string;
  state: 'running' | 'intact' | 'broken' | 'failed';
  phase: VerifyPhase | null;
  done: number;
  total: number;
  report?: { events: number; streams: number; seals: number; accessLogEntries: number };
  broken?: IntegrityBreak & { description: string };
  finishedAt?: string;
}

/** One event as one partner could see it at the replayed moment. */
export interface PartnerEventSight {
  position: number;
  /** `own`: its own event; `all` or `part` (fields left out); `nothing`, with the reason. */
  sees: 'own' | 'all' | 'part' | 'nothing';
  categories?: string[];
  omitFields?: string[];
  /** Included on the strength of the client's consent. */
  byConsent?: boolean;
  /** Why nothing: the sharing policy's reason (`not-in-agreement`, `no-consent`, ...). */
  reason?: string;
}

/** What one partner could see of the client's case at the replayed moment, and why. */
export interface PartnerSight {
  partnerId: string;
  kind: string;
  involved: boolean;
  /** The agreement in force now for this partner; null: it receives nothing. */
  agreement: { version: string; legalBasis: string; purpose: string; categories: string[] } | null;
  /** The client's consents that name this partner as receiver, as they stood at the moment. */
  consents: { fromPartner: string; categories: string[] }[];
  events: PartnerEventSight[];
}

/** The client-case state as plain JSON: maps as objects or lists, sets as sorted lists. */
export interface CaseStateView {
  enrolled: boolean;
  person: PersonView;
  municipality?: string;
  enrollingPartner?: string;
  enrolledAt?: string;
  programme?: string;
  profile?: string;
  status?: 'open' | 'closed';
  closeReason?: string;
  erased?: boolean;
  involved?: string[];
  lead?: { partner: string; actor: string } | null;
  referrals?: unknown[];
  goals?: unknown[];
  consents?: { fromPartner: string; toPartner: string; categories: string[] }[];
  ladder?: { rung: number; at: string }[];
  lifeAreaScores?: Record<string, number>;
  references?: Record<string, string>;
}

export interface ReplayTimelineEntry {
  position: number;
  revision: number;
  recordedAt: string;
  occurredAt: string;
  type: string;
  partnerId: string;
  actor?: string;
  summary: string;
}

/** A client's case as the hub held it at a moment: its state and the timeline that led there. */
export interface ReplayView {
  clientId: string;
  asOf: { position?: number; time?: string; by?: AsOfClock } | null;
  /** The last event included; null when the hub held nothing about the client yet. */
  revision: number | null;
  position: number | null;
  recordedAt: string | null;
  state: CaseStateView;
  timeline: ReplayTimelineEntry[];
  /** What each partner could see then, and why; only when the caller asked. */
  partners?: PartnerSight[];
}

/** What an erasure will destroy: the dry run shown before it is requested and approved. */
export interface ErasurePlan {
  clientId: string;
  /** The client's data key: destroying it makes every sealed field below unreadable. */
  dataKey: 'present' | 'destroyed' | 'none';
  /** The keyed BSN hash that matches partners' signals: deleted. */
  bsnHash: boolean;
  /** The events' sealed fields that become unreadable. */
  sealed: { position: number; type: string; fields: string[] }[];
}

/** An erasure asked for by one auditor, carried out when another approves it. */
export interface ErasureRequestView {
  id: string;
  clientId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  /** The `client-erased` event's position, once approved. */
  erasedPosition: number | null;
  plan: ErasurePlan;
}
