export { ClientErasedError, KeyRing, KeyVault, REDACTED } from './key-vault/key-vault';
export type { DataKeySealer, Decrypter, NewDataKey, Redacted } from './key-vault/key-vault';
export { openFreeText, sealFreeText } from './key-vault/free-text.cipher';
export type { OpenedText } from './key-vault/free-text.cipher';
export { keyVaultMigrations } from './key-vault/key-vault.migrations';
export { KeyVaultModule } from './key-vault/key-vault.module';

export { AuditModule, SealKeyring } from './audit.module';
export type { AuditModuleOptions } from './audit.module';
export { auditMigrations } from './audit.migrations';
export { AuditClock, SystemAuditClock } from './audit.clock';
export { AuditWorkers } from './audit.workers';
export type { AuditWorkersStatus } from './audit.workers';
export type { AuditSettings } from './settings/audit.settings';

export { AccessLog } from './access-log/access-log';
export type { RecordOptions } from './access-log/access-log';
export { AccessLogModule } from './access-log/access-log.module';
export { ACCESS_ACTIONS, AUTHORISATION_BASES } from './access-log/access-log.entry';
export type {
  AccessAction,
  AccessLogEntry,
  Authorisation,
  AuthorisationBasis,
  KnownAccessAction,
  RecordedAccess,
} from './access-log/access-log.entry';
export type { AccessLogFilter, AccessLogPage } from './access-log/access-log.query';
export type { SqlExecutor } from './access-log/sql-executor';

export { AuditorAuthentication } from './auditor/auditor.principal';
export type { AuditorPrincipal, AuditRequest } from './auditor/auditor.principal';
export { AuditorGuard } from './auditor/auditor.guard';
export { CurrentAuditor } from './auditor/current-auditor.decorator';

export { ClientLocator, InvalidClientRefError, UnknownClientError } from './clients/client.locator';
export { parseClientRef } from './clients/client-ref';
export type { ClientRef } from './clients/client-ref';

export { Sealer } from './integrity/sealer';
export type { SealPolicy } from './integrity/sealer';
export type { Seal } from './integrity/seal';
export {
  keyIdOf,
  configuredSealKey,
  publicKeyFrom,
  SEAL_KEY_VARIABLE,
  sealKeyFrom,
} from './integrity/seal-key';
export type { SealKey } from './integrity/seal-key';
export { describeIntact, verifyIntegrity } from './verify/integrity.verifier';
export type { VerificationReport, VerifyOptions } from './verify/integrity.verifier';
export { describeBreak } from './verify/integrity.break';
export type { IntegrityBreak, ProgressListener, VerifyPhase } from './verify/integrity.break';

export { ClientReplay } from './replay/client-replay';
export type { ReplayTimelineEntry, ReplayView } from './replay/client-replay';
export { AS_OF_CLOCKS, parseAsOf } from './replay/as-of';
export type { AsOf, AsOfClock } from './replay/as-of';
export type { CaseStateView } from './replay/case-state.view';
export type { ClientPerson, PersonView } from './replay/client-person';

export { SubjectExport } from './export/subject-export';
export { escapeHtml, renderSubjectAccessHtml } from './export/subject-access.html';
export type { ExportedEvent, SubjectAccessReport } from './export/subject-access.report';

export { ClientErasure } from './erasure/client-erasure';
export type { ErasureRequest, ErasureResult } from './erasure/client-erasure';
export { RetentionJob } from './retention/retention.job';
export { ERASURE_CONSUMER, erasureConsumer } from './retention/erasure.consumer';
export type * from './audit.contract';
