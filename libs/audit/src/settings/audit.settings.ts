import { fixedDurationMs, parseIsoDuration, type AppConfig } from '@samenloop/platform';

/** What the audit's workers are told by the configuration. */
export interface AuditSettings {
  /** RETENTION_AFTER_CLOSE: erasure is due this long after `case-closed` (ISO 8601). */
  retentionAfterClose: string;
  /** RETENTION_CHECK_INTERVAL: how often retention runs. */
  retentionCheckEveryMs: number;
  /** SEAL_EVERY_EVENTS: a seal as soon as this many events wait for one. */
  sealEveryEvents: number;
  /** SEAL_EVERY_MINUTES: no event waits longer than this for its seal. */
  sealEveryMs: number;
  /** How often the sealer looks for events to seal. */
  sealCheckEveryMs: number;
  /** AUDIT_WORKERS: run the sealer, retention and erasure in this process. */
  workers: boolean;
}

type AuditConfig = Pick<
  AppConfig,
  | 'RETENTION_AFTER_CLOSE'
  | 'RETENTION_CHECK_INTERVAL'
  | 'SEAL_EVERY_EVENTS'
  | 'SEAL_EVERY_MINUTES'
  | 'AUDIT_WORKERS'
>;

const SEAL_CHECK_EVERY_MS = 5_000;

/** The audit's slice of the configuration loadConfig validated. */
export function auditSettingsFrom(config: AuditConfig): AuditSettings {
  return {
    retentionAfterClose: config.RETENTION_AFTER_CLOSE,
    // loadConfig refuses an interval that is not a fixed duration.
    retentionCheckEveryMs: fixedDurationMs(parseIsoDuration(config.RETENTION_CHECK_INTERVAL)!)!,
    sealEveryEvents: config.SEAL_EVERY_EVENTS,
    sealEveryMs: config.SEAL_EVERY_MINUTES * 60_000,
    sealCheckEveryMs: SEAL_CHECK_EVERY_MS,
    workers: config.AUDIT_WORKERS === 'on',
  };
}
