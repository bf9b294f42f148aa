export { ClientErasedError, KeyRing, KeyVault, REDACTED } from './key-vault/key-vault';
export type { DataKeySealer, Decrypter, NewDataKey, Redacted } from './key-vault/key-vault';
export { openFreeText, sealFreeText } from './key-vault/free-text-cipher';
export type { OpenedText } from './key-vault/free-text-cipher';
export { keyVaultMigrations } from './key-vault/key-vault.migrations';
export { KeyVaultModule } from './key-vault/key-vault.module';

export { Clock, SystemClock } from './clock/clock';
export { ClockModule } from './clock/clock.module';

export { AccessLog } from './access-log/access-log';
export type { RecordOptions } from './access-log/access-log';
export { AccessLogModule } from './access-log/access-log.module';
export { ACCESS_ACTIONS, AUTHORISATION_BASES } from './access-log/access-log-entry';
export type {
  AccessAction,
  AccessLogEntry,
  Authorisation,
  AuthorisationBasis,
  KnownAccessAction,
  RecordedAccess,
} from './access-log/access-log-entry';
export type { AccessLogFilter, AccessLogPage } from './access-log/access-log-query';
export type { SqlExecutor } from './access-log/sql-executor';

export { AuditorAuthentication } from './auditor/auditor-principal';
export type { AuditorPrincipal, AuditRequest } from './auditor/auditor-principal';
export { ACCESS_CHANNEL_NAMES, ACCESS_CHANNELS, channelOf } from './access-log/access-channel';
export { InvalidCursorError } from './access-log/access-log-query';
export { accessEntryHash } from './access-log/access-log-hash';
export type { HashedAccessEntry } from './access-log/access-log-hash';
export { ACCESS_LOG_TEXT_COLUMNS, storedContentHash } from './access-log/access-log-row';
export type { StoredAccessRow } from './access-log/access-log-row';
export { accessLogMigrations } from './access-log/access-log.migrations';
export { privacyMigrations } from './privacy.migrations';
