import { loadConfig } from '@samenloop/platform';
import { auditSettingsFrom } from './audit.settings';

describe('the audit’s settings', () => {
  it('default to five years of retention and a seal every 1000 events or 10 minutes', () => {
    expect(auditSettingsFrom(loadConfig({}))).toEqual({
      retentionAfterClose: 'P5Y',
      retentionCheckEveryMs: 3_600_000,
      sealEveryEvents: 1000,
      sealEveryMs: 600_000,
      sealCheckEveryMs: 5_000,
      workers: true,
    });
  });

  it('take every variable', () => {
    const config = loadConfig({
      RETENTION_AFTER_CLOSE: 'P7Y',
      RETENTION_CHECK_INTERVAL: 'PT10M',
      SEAL_EVERY_EVENTS: '50',
      SEAL_EVERY_MINUTES: '2',
      AUDIT_WORKERS: 'off',
    });
    expect(auditSettingsFrom(config)).toMatchObject({
      retentionAfterClose: 'P7Y',
      retentionCheckEveryMs: 600_000,
      sealEveryEvents: 50,
      sealEveryMs: 120_000,
      workers: false,
    });
  });
});
