import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@samenloop/platform';
import { Client } from 'pg';
import { BuiltProcess } from './support/built-hub';

// `npm start` with nothing configured: an embedded PostgreSQL under DATA_DIR, kept across restarts.
const TIMEOUT_MS = 180_000;

describe('the hub on its embedded PostgreSQL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'samenloop-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const startHub = (options: { uid?: number; gid?: number; dir?: string } = {}) =>
    BuiltProcess.start(
      'hub',
      { DATA_DIR: options.dir ?? dataDir, PORT: '0', HOST: '127.0.0.1' },
      { uid: options.uid, gid: options.gid },
    );

  it(
    'initialises once, prints the tokens once, and keeps its data across a restart and a kill -9',
    async () => {
      const first = startHub();
      const url = await first.ready();
      const adminToken = /admin \(SAMENLOOP_ADMIN_TOKEN\)\s+(\S+)/.exec(first.stdout)?.[1];
      expect(adminToken).toBeDefined();
      expect(first.stdout).toMatch(/gemeente-helmond\s+slp_/);
      const created = await fetch(`${url}/v1/admin/partners`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'kept-partner', kind: 'welfare', name: 'Kept' }),
      });
      expect(created.status).toBe(201);
      expect((await first.stop('SIGTERM')).code).toBe(0);

      const second = startHub();
      const secondUrl = await second.ready();
      expect(second.stdout).not.toMatch(/shown this once/);
      expect(await partnerIds(secondUrl, adminToken!)).toContain('kept-partner');
      // Another process (the command line) attaches to the running cluster instead of starting one.
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/in use by process/);
      const attached = await startEmbeddedPostgres({ dataDir, attach: true });
      const client = new Client({ connectionString: attached.url });
      await client.connect();
      const partners = await client.query("SELECT id FROM partners WHERE id = 'kept-partner'");
      await client.end();
      expect(partners.rowCount).toBe(1);
      // A hard kill leaves the cluster running without its owner; the next start must take over.
      await second.stop('SIGKILL');

      const third = startHub();
      const thirdUrl = await third.ready();
      expect(await partnerIds(thirdUrl, adminToken!)).toEqual(
        expect.arrayContaining(['gemeente-helmond', 'kept-partner']),
      );
      expect((await third.stop('SIGTERM')).code).toBe(0);
    },
    TIMEOUT_MS,
  );

  // Run as a normal user, the test above already covers that path; run as root, it covered the
  // root path (the cluster handed to the postgres user) and this one starts the hub as "nobody".
  const runsAsRoot = userInfo().uid === 0;
  if (runsAsRoot) {
    it(
      'also starts and stops cleanly as a normal user',
      async () => {
        const nobody = {
          uid: Number(execFileSync('id', ['-u', 'nobody'])),
          gid: Number(execFileSync('id', ['-g', 'nobody'])),
        };
        const ownDir = await mkdtemp(join(tmpdir(), 'samenloop-user-'));
        await chmod(ownDir, 0o777);
        try {
          const hub = startHub({ ...nobody, dir: join(ownDir, 'data') });
          await hub.ready();
          expect((await hub.stop('SIGTERM')).code).toBe(0);
        } finally {
          await rm(ownDir, { recursive: true, force: true });
        }
      },
      TIMEOUT_MS,
    );
  }
});

async function partnerIds(url: string, adminToken: string): Promise<string[]> {
  const response = await fetch(`${url}/v1/admin/partners`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return ((await response.json()) as { id: string }[]).map((partner) => partner.id);
}
