import { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres-launcher';

export interface DatabaseConnection {
  url: string;
  pool: Pool;
  embedded: boolean;
  close(): Promise<void>;
}

/** The server at DATABASE_URL, or an embedded PostgreSQL under DATA_DIR when none is given. */
export async function connectDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR' | 'EMBEDDED_PG_PORT' | 'DATABASE_POOL_SIZE'>,
  log: (line: string) => void = () => undefined,
  options: { attach?: boolean } = {},
): Promise<DatabaseConnection> {
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.DATA_DIR,
        port: config.EMBEDDED_PG_PORT,
        attach: options.attach,
        log,
      });
  const url = embedded?.url ?? config.DATABASE_URL;
  if (!url) throw new Error('no database: DATABASE_URL is unset and no embedded server started');
  const pool = new Pool({ connectionString: url, max: config.DATABASE_POOL_SIZE });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', (error) => log(`database pool: ${error.message}`));
  return {
    url,
    pool,
    embedded: embedded !== undefined,
    close: async () => {
      await pool.end();
      await embedded?.stop();
    },
  };
}
