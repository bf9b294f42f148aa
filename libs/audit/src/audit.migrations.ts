import type { Migration } from '@samenloop/platform';
import { accessLogMigrations, keyVaultMigrations } from '@samenloop/privacy';
import { erasureRequestMigrations } from './four-eyes/erasure-requests.migrations';
import { sealMigrations } from './integrity/seals.migrations';
import { retentionMigrations } from './retention/retention.migrations';

/**
 * Everything the audit lib stores: the key vault, the access log, the seals and the retention
 * schedule. Runs after `eventStoreMigrations` (the retention consumer keeps a checkpoint there,
 * and the append-only guard comes with them).
 */
export const auditMigrations: Migration[] = [
  ...keyVaultMigrations,
  ...accessLogMigrations,
  ...sealMigrations,
  ...retentionMigrations,
  ...erasureRequestMigrations,
];
