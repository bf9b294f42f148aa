import { ConfigError } from '@samenloop/platform';
import { fixedDurationMs, parseIsoDuration } from './iso-duration';

/**
 * What the audit's workers are told by the environment. Read here until the platform's AppConfig
 * carries these variables; the names are the environment variables' own.
 */
export interface AuditSettings {
  /** RETENTION_AFTER_CLOSE (ISO 8601, default `P5Y`): erasure is due this long after `case-closed`. */
  retentionAfterClose: string;
  /** RETENTION_CHECK_INTERVAL (ISO 8601 without Y/M, default `PT1H`): how often retention runs. */
  retentionCheckEveryMs: number;
  /** SEAL_EVERY_EVENTS (default 1000): a seal as soon as this many events wait for one. */
  sealEveryEvents: number;
  /** SEAL_EVERY_MINUTES (default 10): no event waits longer than this for its seal. */
  sealEveryMs: number;
  /** How often the sealer looks for events to seal. */
  sealCheckEveryMs: number;
  /** AUDIT_WORKERS (`on`/`off`, default on): run the sealer and retention in this process. */
  workers: boolean;
}

export const DEFAULT_AUDIT_SETTINGS: Readonly<AuditSettings> = Object.freeze({
  retentionAfterClose: 'P5Y',
  retentionCheckEveryMs: 60 * 60_000,
  sealEveryEvents: 1000,
  sealEveryMs: 10 * 60_000,
  sealCheckEveryMs: 5_000,
  workers: true,
});

/** Throws a ConfigError naming every bad variable in one line, as the platform's loadConfig does. */
export function loadAuditSettings(env: NodeJS.ProcessEnv = process.env): AuditSettings {
  const problems: string[] = [];
  const settings: AuditSettings = { ...DEFAULT_AUDIT_SETTINGS };
  const given = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const retention = given('RETENTION_AFTER_CLOSE');
  if (retention !== undefined) {
    if (parseIsoDuration(retention)) settings.retentionAfterClose = retention;
    else problems.push('RETENTION_AFTER_CLOSE must be an ISO 8601 duration such as P5Y');
  }
  const check = given('RETENTION_CHECK_INTERVAL');
  if (check !== undefined) {
    const duration = parseIsoDuration(check);
    const ms = duration && fixedDurationMs(duration);
    if (ms) settings.retentionCheckEveryMs = ms;
    else problems.push('RETENTION_CHECK_INTERVAL must be an ISO 8601 duration without Y or M');
  }
  const events = given('SEAL_EVERY_EVENTS');
  if (events !== undefined) {
    if (/^\d+$/.test(events) && Number(events) >= 1 && Number(events) <= 100_000) {
      settings.sealEveryEvents = Number(events);
    } else problems.push('SEAL_EVERY_EVENTS must be a whole number from 1 to 100000');
  }
  const minutes = given('SEAL_EVERY_MINUTES');
  if (minutes !== undefined) {
    if (/^\d+$/.test(minutes) && Number(minutes) >= 1 && Number(minutes) <= 10_080) {
      settings.sealEveryMs = Number(minutes) * 60_000;
    } else problems.push('SEAL_EVERY_MINUTES must be a whole number from 1 to 10080');
  }
  const workers = given('AUDIT_WORKERS');
  if (workers !== undefined) {
    if (workers === 'on' || workers === 'off') settings.workers = workers === 'on';
    else problems.push('AUDIT_WORKERS must be on or off');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return settings;
}
