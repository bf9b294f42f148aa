import type { Migration } from '@samenloop/platform';
import { privacyMigrations } from '@samenloop/privacy';
import { erasureRequestMigrations } from './four-eyes/erasure-requests.migrations';
import { sealMigrations } from './integrity/seals.migrations';
import { retentionMigrations } from './retention/retention.migrations';

/**
 * The privacy lib's tables (key vault, access log), then what the audit lib stores: the seals and the retention
 * schedule. Runs after `eventStoreMigrations` (the retention consumer keeps a checkpoint there,
 * and the append-only guard comes with them).
 */
export const auditMigrations: Migration[] = [
  ...privacyMigrations,
  ...sealMigrations,
  ...retentionMigrations,
  ...erasureRequestMigrations,
];
