/**
 * The JSON the auditor pages of the dashboard (apps/dashboard) read from `/v1/audit`. Shared by the
 * server and the web page, so both change together; type-only imports of files without
 * dependencies, so that the browser build can read it.
 */
import type { RecordedAccess } from './access-log/access-log.entry';
import type { IntegrityBreak, VerifyPhase } from './verify/integrity.break';

export type { RecordedAccess } from './access-log/access-log.entry';
export type { IntegrityBreak, VerifyPhase } from './verify/integrity.break';

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
