import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { runMigrations, type Migration } from '@samenloop/platform';

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

/** The server the tests use: DATABASE_URL when set, else the embedded one from the global setup. */
export function testServerUrl(): string {
  const url = process.env.DATABASE_URL ?? process.env.SAMENLOOP_TEST_SERVER_URL;
  if (!url)
    throw new Error('no test PostgreSQL: run through jest (global setup) or set DATABASE_URL');
  return url;
}

/** A fresh database of its own per test file, so tests never see each other's rows. */
export async function createTestDatabase(
  migrations: readonly Migration[] = [],
): Promise<TestDatabase> {
  const name = `samenloop_test_${randomBytes(6).toString('hex')}`;
  const serverUrl = testServerUrl();
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(serverUrl, name);
  const pool = new Pool({ connectionString: url, max: 20 });
  await runMigrations(pool, migrations);
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      await withAdminClient(serverUrl, async (admin) => {
        await untilDisconnected(admin, name);
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

/**
 * Gives connections that are still closing (a pool or data source a test's app ends in the
 * background) a moment to go: a connection the drop has to terminate raises an 'error' event in
 * whatever still holds it, which fails the test file for nothing.
 */
async function untilDisconnected(admin: Client, database: string, patienceMs = 3_000) {
  const deadline = Date.now() + patienceMs;
  while (Date.now() < deadline) {
    const { rows } = await admin.query<{ count: string }>(
      'SELECT count(*) FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    if (rows[0]!.count === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdminClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
