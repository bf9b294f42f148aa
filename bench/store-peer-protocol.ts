/** Messages between the bench and the peer worker (Emmett runs in its own process). */
import type { AppendSpec, ReadTiming } from './store-workload';

export type PeerRequest =
  | { op: 'init'; url: string; poolSize: number }
  | { op: 'append'; spec: AppendSpec; tag: string }
  /** Appends `events` to the log with concurrent `writers`, after emptying it when `fresh`. */
  | { op: 'fillLog'; events: number; eventsPerCall: number; writers: number; fresh: boolean }
  | { op: 'readLog'; pageSize: number; segment: number }
  /** Reads `pages` pages from the start of the log, or the last `pages` pages before its end. */
  | { op: 'sampleLog'; pageSize: number; pages: number; at: 'start' | 'end' }
  | { op: 'close' };

export interface PeerResults {
  init: { messagesTable: string };
  /** Elapsed milliseconds. */
  append: number;
  /** Elapsed milliseconds. */
  fillLog: number;
  readLog: ReadTiming;
  sampleLog: { events: number; elapsedMs: number };
  close: null;
}

export type PeerOp = PeerRequest['op'];

export interface PeerEnvelope {
  id: number;
  request: PeerRequest;
}

export type PeerReply =
  { id: number; ok: true; result: PeerResults[PeerOp] } | { id: number; ok: false; error: string };
