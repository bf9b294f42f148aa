/**
 * The database of one bench run: a fresh database on the server at DATABASE_URL, or on an
 * embedded PostgreSQL started in a temporary folder; more fresh ones on the same server on
 * request. Everything is removed again by `drop()`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Pool } from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '@samenloop/platform';

export interface BenchDatabase {
  /** The fresh database of this run. */
  url: string;
  /** Where the server came from, for the report. */
  server: 'embedded' | 'DATABASE_URL';
  /** The embedded server's postmaster, whose CPU a bench can count. */
  postmasterPid?: number;
  /** Another fresh database on the same server, for a case that must start empty; its url. */
  another(): Promise<string>;
  drop(): Promise<void>;
}

export async function openBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  let embedded: RunningPostgres | undefined;
  let dataDir: string | undefined;
  const given = process.env.DATABASE_URL;
  if (!given) {
    dataDir = await mkdtemp(join(tmpdir(), 'samenloop-bench-'));
    log(`starting embedded PostgreSQL in ${dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir });
  }
  const adminUrl = given ?? embedded?.url;
  if (!adminUrl) throw new Error('no database server');

  const names: string[] = [];
  const create = async () => {
    const name = `samenloop_bench_${process.pid}_${Date.now()}_${names.length}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    names.push(name);
    log(`created database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const drop = async () => {
    try {
      if (names.length > 0) {
        await withClient(adminUrl, async (client) => {
          for (const name of names) {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          }
        });
      }
    } finally {
      await embedded?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  };

  try {
    const url = await create();
    const postmasterPid = dataDir && (await postmasterOf(dataDir));
    return {
      url,
      server: embedded ? 'embedded' : 'DATABASE_URL',
      ...(postmasterPid ? { postmasterPid } : {}),
      another: create,
      drop,
    };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}

async function postmasterOf(dataDir: string): Promise<number | undefined> {
  const pidFile = await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').catch(() => '');
  return Number(pidFile.split('\n')[0]) || undefined;
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined); // reported by the query that fails, if any
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The server's version, for the report. */
export async function serverVersion(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ version: string }>(
    `SELECT current_setting('server_version') AS version`,
  );
  return rows[0]!.version;
}
