/**
 * The privacy lib's types that answers carry (an access-log entry, a redaction marker): files
 * without dependencies, so that the dashboard's browser build can read them (its tsconfig maps
 * `@samenloop/privacy` here).
 */
export type * from './access-log/access-log-entry';
export type * from './key-vault/redacted';
