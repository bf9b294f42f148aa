import { ConfigError } from '@samenloop/platform';
import { DEFAULT_AUDIT_SETTINGS, loadAuditSettings } from './audit.settings';

describe('loadAuditSettings', () => {
  it('defaults to five years of retention and a seal every 1000 events or 10 minutes', () => {
    expect(loadAuditSettings({})).toEqual(DEFAULT_AUDIT_SETTINGS);
    expect(DEFAULT_AUDIT_SETTINGS).toMatchObject({
      retentionAfterClose: 'P5Y',
      sealEveryEvents: 1000,
      sealEveryMs: 600_000,
    });
  });

  it('reads every variable', () => {
    expect(
      loadAuditSettings({
        RETENTION_AFTER_CLOSE: 'P7Y',
        RETENTION_CHECK_INTERVAL: 'PT10M',
        SEAL_EVERY_EVENTS: '50',
        SEAL_EVERY_MINUTES: '2',
        AUDIT_WORKERS: 'off',
      }),
    ).toMatchObject({
      retentionAfterClose: 'P7Y',
      retentionCheckEveryMs: 600_000,
      sealEveryEvents: 50,
      sealEveryMs: 120_000,
      workers: false,
    });
  });

  it('names every bad variable in one line', () => {
    const attempt = () =>
      loadAuditSettings({ RETENTION_AFTER_CLOSE: '5 years', SEAL_EVERY_EVENTS: '0' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /^Invalid configuration: RETENTION_AFTER_CLOSE must .*; SEAL_EVERY_EVENTS must /,
    );
  });
});
