import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { checkAccessLog } from './access-log-chain-check';
import { ProgressCounter, type IntegrityBreak, type ProgressListener } from './integrity-break';
import { checkSeals } from './seal-chain-check';
import { checkStreamChains } from './stream-chain-check';

export interface VerifyOptions {
  /** Public keys the seals must be signed with; when absent, the keys stored in `seal_keys`. */
  trustedKeys?: readonly KeyObject[];
  onProgress?: ProgressListener;
}

export interface VerificationReport {
  /** The first broken link found; absent when everything holds. */
  broken?: IntegrityBreak;
  events: number;
  streams: number;
  seals: number;
  accessLogEntries: number;
  keys: 'trusted' | 'stored';
}

/**
 * Checks the stored history on PostgreSQL directly, in three passes: every stream's hash chain,
 * every seal (chain, signature, Merkle root), and the access log's chain. Stops at the first
 * broken link, which it names.
 */
export async function verifyIntegrity(
  pool: Pool,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const totals = await pool.query<{ events: string; sealed: string; entries: string }>(
    `SELECT (SELECT count(*) FROM events) AS events,
       (SELECT coalesce(max(tree_size), 0) FROM seals) AS sealed,
       (SELECT count(*) FROM access_log) AS entries`,
  );
  const { events, sealed, entries } = totals.rows[0]!;
  const progress = new ProgressCounter(
    Number(events) + Number(sealed) + Number(entries),
    options.onProgress,
  );
  const report: VerificationReport = {
    events: 0,
    streams: 0,
    seals: 0,
    accessLogEntries: 0,
    keys: options.trustedKeys?.length ? 'trusted' : 'stored',
  };

  const streams = await checkStreamChains(pool, progress);
  Object.assign(report, { events: streams.events, streams: streams.streams });
  if (streams.broken) return { ...report, broken: streams.broken };

  const seals = await checkSeals(pool, progress, options.trustedKeys);
  Object.assign(report, { seals: seals.seals.length, keys: seals.keys });
  if (seals.broken) return { ...report, broken: seals.broken };

  const accessLog = await checkAccessLog(pool, progress, seals.seals);
  report.accessLogEntries = accessLog.entries;
  return accessLog.broken ? { ...report, broken: accessLog.broken } : report;
}

/** The one line printed when all holds. */
export function describeIntact(report: VerificationReport): string {
  const signatures =
    report.keys === 'trusted'
      ? 'signed with a trusted key'
      : 'signatures checked against seal_keys';
  return (
    `intact: ${report.events} events in ${report.streams} streams, ` +
    `${report.seals} seals (${signatures}), ${report.accessLogEntries} access-log entries`
  );
}
