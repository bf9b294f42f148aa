import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Jest loads global setup outside its module mapper, so the lib's index is reached by path.
import { startEmbeddedPostgres, type RunningPostgres } from '../../platform/src/index';

declare global {
  var samenloopTestPostgres: { server: RunningPostgres; dataDir: string } | undefined;
}

/** Starts one embedded PostgreSQL for the whole run unless DATABASE_URL names a server. */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL || process.env.SAMENLOOP_TEST_SERVER_URL) return;
  const dataDir = await mkdtemp(join(tmpdir(), 'samenloop-test-'));
  const server = await startEmbeddedPostgres({ dataDir });
  globalThis.samenloopTestPostgres = { server, dataDir };
  process.env.SAMENLOOP_TEST_SERVER_URL = server.url;
}
