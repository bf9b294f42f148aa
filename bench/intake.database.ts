/**
 * The database of one intake bench run: a fresh database on the server at DATABASE_URL, or on an
 * embedded PostgreSQL started in a temporary folder. `drop()` removes everything again.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '@samenloop/platform';

export interface IntakeBenchDatabase {
  url: string;
  server: 'embedded' | 'DATABASE_URL';
  /** The embedded server's postmaster, whose CPU the bench can count. */
  postmasterPid?: number;
  drop(): Promise<void>;
}

export async function openIntakeBenchDatabase(
  log: (line: string) => void,
): Promise<IntakeBenchDatabase> {
  let embedded: RunningPostgres | undefined;
  let dataDir: string | undefined;
  const given = process.env.DATABASE_URL;
  if (!given) {
    dataDir = await mkdtemp(join(tmpdir(), 'samenloop-intake-bench-pg-'));
    log(`starting embedded PostgreSQL in ${dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir });
  }
  const serverUrl = given ?? embedded?.url;
  if (!serverUrl) throw new Error('no database server');

  const name = `samenloop_intake_bench_${process.pid}_${Date.now()}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  log(`created database ${name}`);
  const pidFile = dataDir && (await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8'));
  const postmasterPid = pidFile ? Number(pidFile.split('\n')[0]) : undefined;
  return {
    url: url.toString(),
    server: embedded ? 'embedded' : 'DATABASE_URL',
    ...(postmasterPid ? { postmasterPid } : {}),
    drop: async () => {
      try {
        await withClient(serverUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        );
      } finally {
        await embedded?.stop();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
