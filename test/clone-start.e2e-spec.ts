import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BuiltProcess, ROOT } from './support/built-hub';

const run = promisify(execFile);
const TIMEOUT_MS = 120_000;
/** Where the hub keeps a cluster the postgres user could not reach under DATA_DIR. */
const SHARED_CLUSTERS = '/var/lib/samenloop/clusters';

// Issue 14's newcomer: a fresh clone under root's private home (a 0700 folder), `npm ci && npm
// start` as root. CI runs as root; as anyone else the launcher's own test covers the user path.
const asRoot = userInfo().uid === 0 ? it : it.skip;

describe('npm start from a fresh clone in a folder only root may enter', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'samenloop-home-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  asRoot(
    'becomes ready on its embedded PostgreSQL (skipped unless root)',
    async () => {
      expect((await stat(home)).mode & 0o777).toBe(0o700);
      const clone = join(home, 'samenloop');
      await run('git', ['clone', '--quiet', '--depth', '1', `file://${ROOT}`, clone]);
      // What `npm ci` and the build would make, taken from this checkout instead of made again
      // (minutes on two cores). node_modules may stay outside: the hub hands the postgres user a
      // copy of the binaries wherever they are. dist/ was built from these sources by the e2e
      // setup; its stamp says so, as the clone's files are newer only for being just written.
      await symlink(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
      await cp(join(ROOT, 'dist'), join(clone, 'dist'), { recursive: true });
      await run(process.execPath, ['scripts/build-freshness.cjs', 'begin'], { cwd: clone });
      await run(process.execPath, ['scripts/build-freshness.cjs', 'done'], { cwd: clone });

      // At debug the hub names where it keeps the cluster the postgres user could not reach.
      const hub = BuiltProcess.npmStart(clone, {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
      });
      try {
        const url = await hub.ready();
        expect(hub.stdout).toContain('dist/ is current: skipping the build');
        expect(hub.stdout).toMatch(/gemeente-helmond\s+slp_/);
        expect(hub.stdout).toContain(`the postgres user cannot reach ${join(clone, '.data')}`);
        expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      } finally {
        await hub.stop('SIGTERM');
        const cluster = await sharedClusterOf(join(clone, '.data')).catch(() => undefined);
        if (cluster) await rm(cluster, { recursive: true, force: true });
      }
    },
    TIMEOUT_MS,
  );
});

/** The cluster the hub kept outside DATA_DIR, named as the launcher names it. */
async function sharedClusterOf(dataDir: string): Promise<string> {
  const { password } = JSON.parse(await readFile(join(dataDir, 'embedded-pg.json'), 'utf8')) as {
    password: string;
  };
  return join(SHARED_CLUSTERS, createHash('sha256').update(password).digest('hex').slice(0, 16));
}
