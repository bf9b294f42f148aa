export { AuditModule, SealKeyring } from './audit.module';
export type { AuditModuleOptions } from './audit.module';
export { auditMigrations } from './audit.migrations';
export { AuditWorkers } from './audit-workers';
export type { AuditWorkersStatus } from './audit-workers';
export type { AuditSettings } from './settings/audit.settings';

export { AuditorGuard } from './auditor/auditor.guard';
export { CurrentAuditor } from './auditor/current-auditor.decorator';

export { ClientLocator, InvalidClientRefError, UnknownClientError } from './clients/client-locator';
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
export { describeIntact, verifyIntegrity } from './verify/integrity-verifier';
export type { VerificationReport, VerifyOptions } from './verify/integrity-verifier';
export { describeBreak } from './verify/integrity-break';
export type { IntegrityBreak, ProgressListener, VerifyPhase } from './verify/integrity-break';

export { ClientReplay } from './replay/client-replay';
export type { ReplayTimelineEntry, ReplayView } from './replay/client-replay';
export { AS_OF_CLOCKS, parseAsOf } from './replay/as-of';
export type { AsOf, AsOfClock } from './replay/as-of';
export type { CaseStateView } from './replay/case-state.view';
export type { ClientPerson, PersonView } from './replay/client-person';

export { SubjectExport } from './export/subject-export';
export { escapeHtml, renderSubjectAccessHtml } from './export/subject-access-html';
export type { ExportedEvent, SubjectAccessReport } from './export/subject-access-report';

export { ClientErasure } from './erasure/client-erasure';
export type { ErasureRequest, ErasureResult } from './erasure/client-erasure';
export { RetentionJob } from './retention/retention.job';
export { ERASURE_CONSUMER, erasureConsumer } from './retention/erasure.consumer';
export type * from './audit.contract';
