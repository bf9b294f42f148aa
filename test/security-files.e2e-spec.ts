import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import {
  chmod,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CLOUDEVENTS_MEDIA_TYPE } from '@samenloop/contracts';
import {
  cloudEvent,
  createTestDatabase,
  enrolmentData,
  type TestDatabase,
} from '@samenloop/testing';
import { BuiltProcess, type Exit } from './support/built-hub';

// Issue 11, case 11: the subject-access export holds a client's name, BSN and case. Run as the
// built command line, it must write new files only, readable by their owner, and never follow a
// link an attacker planted where the export goes.
const RUN_TIMEOUT_MS = 90_000;
const ADMIN_TOKEN = 'admin-token-for-the-files-e2e';
const KEYS = {
  SAMENLOOP_MASTER_KEY: randomBytes(32).toString('base64'),
  SAMENLOOP_BSN_HASH_KEY: randomBytes(32).toString('base64'),
  SAMENLOOP_PSEUDONYM_KEY: randomBytes(32).toString('base64'),
  SAMENLOOP_SEAL_KEY: generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
};

describe('the audit export of the built command line', () => {
  let db: TestDatabase;
  let hub: BuiltProcess;
  let work: string;
  let url: string;
  let partnerToken: string;
  let ref: string;
  /** The names the export gives its two files, learnt from a first run. */
  let names: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    work = await mkdtemp(join(tmpdir(), 'samenloop-files-'));
    hub = BuiltProcess.start('hub', {
      ...KEYS,
      DATABASE_URL: db.url,
      DATA_DIR: join(work, 'data'),
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_PARTNERS: 'off',
      SAMENLOOP_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    url = await hub.ready();
    const partner = await post(url, '/v1/admin/partners', ADMIN_TOKEN, 'application/json', {
      id: 'gemeente-files',
      kind: 'municipality',
      name: 'Gemeente Files',
    });
    partnerToken = partner.token as string;
    ref = await enrol();
    const probe = await exportTo(join(work, 'probe'));
    if (probe.code !== 0) throw new Error(`the export failed:\n${probe.stdout}${probe.stderr}`);
    names = probe.stdout
      .trimEnd()
      .split('\n')
      .map((path) => basename(path));
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await hub?.stop('SIGKILL');
    await db?.drop();
    await rm(work, { recursive: true, force: true });
  });

  /** A new client of the municipality, as `partnerId:reference`. */
  async function enrol(): Promise<string> {
    const subject = `GM-${randomUUID()}`;
    const enrolment = cloudEvent(
      { id: 'gemeente-files' },
      'client-enrolled',
      subject,
      enrolmentData(),
    );
    await post(url, '/v1/events', partnerToken, CLOUDEVENTS_MEDIA_TYPE, enrolment);
    return `gemeente-files:${subject}`;
  }

  const exportTo = (out: string, client = ref): Promise<Exit> =>
    BuiltProcess.start(
      'cli',
      { ...KEYS, DATABASE_URL: db.url, SAMENLOOP_AUDIT_USER: 'privacy-officer' },
      { args: ['audit', 'export', '--client', client, '--out', out] },
    ).exit;

  it(
    'creates a missing folder 0700 and the files 0600',
    async () => {
      const out = join(work, 'new', 'exports');

      const run = await exportTo(out);

      expect(run).toMatchObject({ code: 0, stderr: '' });
      const files = run.stdout.trimEnd().split('\n');
      expect(files).toEqual([expect.stringMatching(/\.json$/), expect.stringMatching(/\.html$/)]);
      expect((await stat(out)).mode & 0o777).toBe(0o700);
      for (const file of files) expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(files[0]!, 'utf8')).toContain('"familyName": "de Vries"');
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'refuses an existing file instead of writing into it with its old, wider mode',
    async () => {
      const out = await mkdtemp(join(work, 'existing-'));
      const json = join(out, names[0]!);
      await writeFile(json, 'an older export, readable by everyone\n');
      await chmod(json, 0o644);

      const run = await exportTo(out);

      expect(run.code).not.toBe(0);
      expect(run.stderr.trimEnd().split('\n')).toEqual([
        `samenloop: ${json} exists already; refusing to overwrite it or follow a link there`,
      ]);
      expect(await readFile(json, 'utf8')).toBe('an older export, readable by everyone\n');
      // Nothing half-written is left: the HTML file, created first or not, is gone again.
      expect(await readdir(out)).toEqual([names[0]]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'does not follow a link planted at the export target',
    async () => {
      const out = await mkdtemp(join(work, 'planted-'));
      const json = join(out, names[0]!);
      const victim = join(work, 'victim.txt');
      await writeFile(victim, 'a file the attacker wants overwritten\n');
      await chmod(victim, 0o644);
      await symlink(victim, json);

      const run = await exportTo(out);

      expect(run.code).not.toBe(0);
      expect(run.stderr.trimEnd().split('\n')).toEqual([
        `samenloop: ${json} exists already; refusing to overwrite it or follow a link there`,
      ]);
      expect(await readFile(victim, 'utf8')).toBe('a file the attacker wants overwritten\n');
      expect((await stat(victim)).mode & 0o777).toBe(0o644);
      expect((await lstat(json)).isSymbolicLink()).toBe(true);
      expect(await readdir(out)).toEqual([names[0]]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'refuses a client key whose GCM tag was cut to 4 bytes, of which only those would be checked',
    async () => {
      const client = await enrol();
      const out = await mkdtemp(join(work, 'truncated-'));
      // Someone with write access to the database shortens the tag of the wrapped data key.
      const { rowCount } = await db.pool.query(
        `UPDATE client_keys SET wrapped_key = (
           SELECT string_agg(CASE WHEN n = 3 THEN left(part, 6) ELSE part END, '.' ORDER BY n)
           FROM unnest(string_to_array(wrapped_key, '.')) WITH ORDINALITY AS p(part, n))
         WHERE client_id = (SELECT client_id FROM client_keys ORDER BY created_at DESC LIMIT 1)`,
      );
      expect(rowCount).toBe(1);

      const run = await exportTo(out, client);

      expect(run.code).not.toBe(0);
      expect(run.stderr.trimEnd().split('\n')).toEqual([
        'samenloop: Invalid authentication tag length: 4',
      ]);
      expect(await readdir(out)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );
});

describe('the built hub with Kafka over TLS', () => {
  it(
    'stops with one line when the CA file named by KAFKA_SSL_CA cannot be read',
    async () => {
      const db = await createTestDatabase();
      try {
        const { code, stderr } = await BuiltProcess.start('hub', {
          ...KEYS,
          DATABASE_URL: db.url,
          PORT: '0',
          HOST: '127.0.0.1',
          KAFKA_BROKERS: '127.0.0.1:9',
          KAFKA_SSL: 'on',
          KAFKA_SSL_CA: '/no/such/kafka-ca.pem',
        }).exit;

        expect(code).toBe(1);
        expect(stderr.trimEnd().split('\n')).toEqual([
          'samenloop: hub could not start: Invalid configuration: KAFKA_SSL_CA /no/such/kafka-ca.pem cannot be read (ENOENT)',
        ]);
      } finally {
        await db.drop();
      }
    },
    RUN_TIMEOUT_MS,
  );
});

async function post(
  url: string,
  path: string,
  token: string,
  contentType: string,
  body: object,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}
