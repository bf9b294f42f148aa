import type { Migration } from '@samenloop/platform';
import { accessLogMigrations } from './access-log/access-log.migrations';
import { keyVaultMigrations } from './key-vault/key-vault.migrations';

/**
 * The key vault and the access log. Runs after `eventStoreMigrations` (the access log's
 * append-only guard comes with them).
 */
export const privacyMigrations: Migration[] = [...keyVaultMigrations, ...accessLogMigrations];
