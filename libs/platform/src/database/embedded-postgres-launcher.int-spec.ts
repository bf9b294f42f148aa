import { execFileSync } from 'node:child_process';
import { lstat, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres-launcher';
import { packagedPostgresBinaries } from './postgres-binaries-locator';

// Only root hands the cluster to another account, so only root can meet a folder that account
// cannot enter; for any other user the binaries run where they are and nothing here applies.
const asRoot = userInfo().uid === 0 ? it : it.skip;

describe('the embedded PostgreSQL under a folder only root may enter', () => {
  let privateDir: string;
  let server: RunningPostgres | undefined;
  const logged: string[] = [];

  beforeAll(async () => {
    privateDir = await mkdtemp(join(tmpdir(), 'samenloop-private-'));
    // The package as `npm ci` leaves it in a clone under root's 0700 home.
    execFileSync('cp', ['-a', packagedPostgresBinaries(), join(privateDir, 'package')]);
  });
  afterAll(async () => {
    await server?.stop();
    const kept = /its cluster is kept in (\S+)/.exec(logged.join('\n'))?.[1];
    if (kept) await rm(kept, { recursive: true, force: true });
    await rm(privateDir, { recursive: true, force: true });
  });

  asRoot(
    'starts as root from binaries and a DATA_DIR the postgres user cannot reach (skipped unless root)',
    async () => {
      expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
      server = await startEmbeddedPostgres({
        dataDir: join(privateDir, 'data'),
        binaries: join(privateDir, 'package'),
        log: (line) => logged.push(line),
      });

      const client = new Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ version: string }>(
        "SELECT current_setting('server_version') AS version",
      );
      await client.end();
      expect(rows[0].version).toMatch(/^\d+\.\d+/);

      const cluster = /its cluster is kept in (\S+)/.exec(logged.join('\n'))?.[1];
      expect(cluster).toMatch(/^\/var\/lib\/samenloop\/clusters\//);
      const running = execFileSync('ps', ['-o', 'args=', '-u', 'postgres']).toString();
      const binaries = running
        .split('\n')
        .find((line) => line.includes(`-D ${cluster} `))
        ?.split('/bin/postgres ')[0];
      expect(binaries).toMatch(/^\/var\/lib\/samenloop\/postgres\//);
      const copy = await lstat(binaries!);
      expect([copy.uid, copy.mode & 0o777]).toEqual([0, 0o755]);
    },
  );
});
