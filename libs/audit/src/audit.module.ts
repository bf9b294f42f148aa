import { Logger, Module, type DynamicModule, type Type } from '@nestjs/common';
import { EventStore } from '@samenloop/event-store';
import { SharingModule } from '@samenloop/sharing';
import { AppConfig, HubSecrets } from '@samenloop/platform';
import { Pool } from 'pg';
import { AccessDisclosures } from './access-log/access-disclosure';
import { AccessLogController } from './access-log/access-log.controller';
import { AccessLogModule, KeyVaultModule, Clock } from '@samenloop/privacy';
import { AuditWorkers } from './audit-workers';
import { AuditorGuard } from './auditor/auditor.guard';
import { ClientLocator } from './clients/client-locator';
import { AuditorActs } from './auditor/auditor-acts';
import { ClientErasure } from './erasure/client-erasure';
import { ErasureController } from './erasure/erasure.controller';
import { SubjectExport } from './export/subject-export';
import { SubjectExportController } from './export/subject-export.controller';
import { IntegrityRuns } from './integrity-api/integrity-runs';
import { IntegrityController } from './integrity-api/integrity.controller';
import { ErasureRequests } from './four-eyes/erasure-requests';
import { ErasureRequestsController } from './four-eyes/erasure-requests.controller';
import { SEAL_KEY_VARIABLE, sealKeyFrom, type SealKey } from './integrity/seal-key';
import { Sealer } from './integrity/sealer';
import { ClientReplay } from './replay/client-replay';
import { ClientStateController } from './replay/client-state.controller';
import { erasureConsumer } from './retention/erasure.consumer';
import { RetentionJob } from './retention/retention.job';
import { auditSettingsFrom, type AuditSettings } from './settings/audit.settings';

export interface AuditModuleOptions {
  /** Overrides of what the configuration says (tests: short terms, workers off). */
  settings?: Partial<AuditSettings>;
  /** The seal key (PKCS#8 PEM or base64); SAMENLOOP_SEAL_KEY when absent. */
  sealKey?: string;
  /**
   * Who may read the audit API: a module that exports an AuditorAuthentication (the hub's is the
   * read models' professional sign-in). Required, so that no composition falls back to a shared
   * token that names no person.
   */
  auditorSignIn: Type<unknown> | DynamicModule;
}

const AUDIT_SETTINGS = Symbol('AuditSettings');

/** The seal key, if one is configured: a class so that it can be a DI token holding undefined. */
export class SealKeyring {
  constructor(readonly signing: SealKey | undefined) {}
}

/**
 * The audit: the access log and its API, seals, replay, subject export, erasure and retention,
 * with their workers. Needs the platform's global ConfigModule, DatabaseModule (with
 * `auditMigrations` after `eventStoreMigrations`) and SecretsModule, and the global
 * EventStoreModule. Other libs that only log accesses import AccessLogModule instead.
 */
@Module({})
export class AuditModule {
  static forRoot(options: AuditModuleOptions): DynamicModule {
    return {
      module: AuditModule,
      imports: [SharingModule, KeyVaultModule, AccessLogModule, options.auditorSignIn],
      controllers: [
        AccessLogController,
        ClientStateController,
        SubjectExportController,
        ErasureController,
        IntegrityController,
        ErasureRequestsController,
      ],
      providers: [
        {
          provide: AUDIT_SETTINGS,
          inject: [AppConfig],
          useFactory: (config: AppConfig): AuditSettings => ({
            ...auditSettingsFrom(config),
            ...options.settings,
          }),
        },
        {
          provide: SealKeyring,
          inject: [HubSecrets],
          useFactory: (secrets: HubSecrets) =>
            new SealKeyring(sealKeyFrom(options.sealKey ?? secrets.sealKey, SEAL_KEY_VARIABLE)),
        },
        AuditorGuard,
        AuditorActs,
        AccessDisclosures,
        IntegrityRuns,
        ErasureRequests,
        ClientLocator,
        ClientReplay,
        SubjectExport,
        ClientErasure,
        {
          provide: Sealer,
          inject: [Pool, EventStore, Clock, SealKeyring, AUDIT_SETTINGS],
          useFactory: (
            pool: Pool,
            store: EventStore,
            clock: Clock,
            keyring: SealKeyring,
            settings: AuditSettings,
          ) =>
            new Sealer(pool, store, clock, keyring.signing, {
              everyEvents: settings.sealEveryEvents,
              everyMs: settings.sealEveryMs,
            }),
        },
        {
          provide: RetentionJob,
          inject: [Pool, ClientErasure, Clock, AUDIT_SETTINGS],
          useFactory: (
            pool: Pool,
            erasure: ClientErasure,
            clock: Clock,
            settings: AuditSettings,
          ) => {
            const logger = new Logger('Retention');
            return new RetentionJob(pool, erasure, clock, settings.retentionAfterClose, (line) =>
              logger.warn(line),
            );
          },
        },
        {
          provide: AuditWorkers,
          inject: [AUDIT_SETTINGS, Sealer, RetentionJob, EventStore, Pool, ClientErasure],
          useFactory: (
            settings: AuditSettings,
            sealer: Sealer,
            retention: RetentionJob,
            store: EventStore,
            pool: Pool,
            erasure: ClientErasure,
          ) => {
            const logger = new Logger('ErasureConsumer');
            const consumer = () =>
              erasureConsumer(store, pool, erasure, (line) => logger.warn(line));
            return new AuditWorkers(settings, sealer, consumer, retention);
          },
        },
      ],
      exports: [
        AccessLogModule,
        ClientLocator,
        ClientReplay,
        SubjectExport,
        ClientErasure,
        Sealer,
        RetentionJob,
        AuditWorkers,
      ],
    };
  }
}
