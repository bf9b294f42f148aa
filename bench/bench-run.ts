/**
 * What a bench on a database of its own starts with (its database, a pool and the store on it, a
 * work folder, the time and the load it started at) and the teardown that removes them again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '@samenloop/event-store';
import { openBenchDatabase, type BenchDatabase } from './bench-database';
import { loadAtStart } from './bench-load';

export interface BenchRun {
  startedAt: Date;
  /** The 1-minute load average as the run started. */
  loadBefore: number;
  workDir: string;
  database: BenchDatabase;
  pool: Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
}

export async function openBenchRun(
  name: string,
  log: (line: string) => void,
  storeOptions: { pageSize?: number } = {},
): Promise<BenchRun> {
  const startedAt = new Date();
  const loadBefore = loadAtStart(log);
  const workDir = await mkdtemp(join(tmpdir(), `samenloop-${name}-bench-`));
  const database = await openBenchDatabase(log).catch(async (error: unknown) => {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  });
  const pool = new Pool({ connectionString: database.url, max: 10 });
  pool.on('error', (error) => log(`pool: ${error.message}`));
  const store = new PostgresEventStore(pool, { ...storeOptions, log });
  return {
    startedAt,
    loadBefore,
    workDir,
    database,
    pool,
    store,
    close: async () => {
      await store.close();
      await pool.end();
      await database.drop();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
