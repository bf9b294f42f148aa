export { AppConfig } from './config/app-config';
export { loadConfig } from './config/config-loader';
export { fixedDurationMs, parseIsoDuration } from './config/iso-duration';
export { ConfigError } from './config/config.errors';
export { ConfigModule } from './config/config.module';
export { connectDatabase } from './database/database-connection';
export type { DatabaseConnection } from './database/database-connection';
export { DatabaseModule } from './database/database.module';
export { findFreePort, startEmbeddedPostgres } from './database/embedded-postgres-launcher';
export type {
  EmbeddedPostgresOptions,
  RunningPostgres,
} from './database/embedded-postgres-launcher';
export type { Migration } from './database/migration';
export { inPoolTransaction } from './database/pool-transaction';
export { runMigrations } from './database/migration-runner';
export { appendOnlyMigration, appendOnlyTriggers } from './database/append-only.migrations';
export { AdvisoryLock } from './database/leadership/advisory-lock';
export { holdingLocks, whileLeading } from './database/leadership/session-locks';
export { tryTransactionLocks } from './database/leadership/transaction-locks';
export { Leadership, retryDelayMs } from './database/leadership/leadership';
export type { LeadershipOptions } from './database/leadership/leadership';
export { LeadingWorker } from './database/leadership/leading-worker';
export type { Backlog, LeadingWorkerOptions } from './database/leadership/leading-worker';
export { poolSessions } from './database/leadership/sql-session';
export type { SqlSession } from './database/leadership/sql-session';
export { NotificationListener } from './database/notifications/notification-listener';
export type { NotificationListenerOptions } from './database/notifications/notification-listener';
export { WakeUps } from './database/notifications/wake-ups';
export { HubSecrets, loadHubSecrets } from './secrets/hub-secrets';
export { SecretsModule } from './secrets/secrets.module';
export { ApiProblemResponse } from './http/api-problem-response.decorator';
export {
  ApiAdminToken,
  ApiOperatorToken,
  ApiPartnerToken,
  securitySchemes,
} from './http/openapi-security';
export { runHttpApp } from './http/http-app-bootstrap';
export { createHttpApp } from './http/http-app-factory';
export { BodyLimit, DEFAULT_BODY_LIMIT } from './http/body-limit';
export { MAX_JSON_DEPTH, valueNestsDeeperThan } from './http/json-shape';
export type { HttpAppOptions, NestAppMaker } from './http/http-app-factory';
export type { OpenApiOptions } from './http/openapi-setup';
export type { ProblemDetails, ProblemFieldError } from './http/problem-details';
export { malformedBody } from './http/framework.problems';
export { ProblemDetailsFilter, renderProblem } from './http/problem-details-filter';
export { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, problemType } from './http/problem-type';
export { ProblemException } from './http/problem-exception';
export type { ProblemInit } from './http/problem-exception';
export { REQUEST_ID_HEADER, requestIdFor } from './http/request-id';
export {
  createValidationPipe,
  fieldErrors,
  fieldProblem,
  validationProblem,
} from './http/validation-problem';
export { LoggingModule } from './logging/logging.module';
export { DatabaseHealthIndicator } from './health/database-health';
export { HealthModule } from './health/health.module';
export { ProtectionModule } from './protection/protection.module';
export { ADMIN_CALLER, CallerIdentity } from './protection/caller-identity';
export type { CallerRequest } from './protection/caller-identity';
export { OperatorGuard } from './protection/operator.guard';
export { bearerTokenOf, presentedBearerToken, unauthorized } from './protection/bearer-token';
export { RememberedCallers } from './protection/remembered-callers';
export { MetricsModule } from './metrics/metrics.module';
export { countAppendedEvents } from './metrics/event-metrics';
export { deliveryMetrics } from './metrics/delivery-metrics';
export { bsnSignalMetrics } from './metrics/bsn-signal-metrics';
export type { BsnSignalOutcome } from './metrics/bsn-signal-metrics';
export { LAG_COUNT_LIMIT, lagOf, WorkerLagRegistry, workerLag } from './metrics/worker-lag';
export type { GroupLagSampler, LagSampler, TrackedLag, WorkerLag } from './metrics/worker-lag';
export { WorkerLagHealthIndicator } from './health/worker-lag-health';
export { StaticPageModule } from './static/static-page.module';
export type { StaticPageOptions } from './static/static-page.module';
export { LruCache } from './cache/lru-cache';
export { BatchFlusher } from './batching/batch-flusher';
export type { BatchFlusherOptions, Flush, Settled } from './batching/batch-flusher';
export { GCM_TAG_BYTES, gcmOpen, gcmSeal } from './crypto/gcm-cipher';
export { backoffMs, pause } from './kafka/kafka-backoff';
export { createKafka } from './kafka/kafka.client';
export { KafkaSettings, kafkaSettingsFrom } from './kafka/kafka.settings';
export { TopicProvisioner } from './kafka/topic-provisioner';
export { derivedKey } from './crypto/derived-key';
