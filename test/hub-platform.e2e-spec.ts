import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { BuiltProcess } from './support/built-hub';

// The hub as operators run it, from the build the e2e global setup made. Tests never import an
// app (apps are leaves), so the real hub is exercised as the built process.
const PROBLEMS = 'https://samenloop.nl/problems/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RUN_TIMEOUT_MS = 90_000;
const ADMIN_TOKEN = 'admin-token-for-the-platform-e2e';
const DEMO_PASSWORD = 'demo-password-platform-e2e';

describe('the built hub', () => {
  it(
    'refuses a bad PORT with one line on stderr and exit code 1',
    async () => {
      const { code, stdout, stderr } = await BuiltProcess.start('hub', { PORT: 'abc' }).exit;

      expect(code).toBe(1);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^samenloop: Invalid configuration: .*PORT/);
    },
    RUN_TIMEOUT_MS,
  );

  describe('on a database', () => {
    let db: TestDatabase;
    let hub: BuiltProcess;
    let url: string;

    beforeAll(async () => {
      db = await createTestDatabase();
      hub = BuiltProcess.start('hub', {
        DATABASE_URL: db.url,
        PORT: '0',
        HOST: '127.0.0.1',
        // The demo accounts, among them `auditor`.
        DEMO_PARTNERS: 'on',
        DEMO_ACCOUNT_PASSWORD: DEMO_PASSWORD,
        SAMENLOOP_ADMIN_TOKEN: ADMIN_TOKEN,
      });
      url = await hub.ready();
    }, RUN_TIMEOUT_MS);

    afterAll(async () => {
      await hub?.stop('SIGKILL');
      await db?.drop();
    });

    it('is live and ready', async () => {
      const live = await fetch(`${url}/health/live`);
      const ready = await fetch(`${url}/health/ready`);

      expect(live.status).toBe(200);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ details: { database: { status: 'up' } } });
    });

    it('answers an unknown route with a not-found problem', async () => {
      const response = await fetch(`${url}/no/such/route`);

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(await response.json()).toEqual({
        type: `${PROBLEMS}not-found`,
        title: 'Not found',
        status: 404,
        detail: 'Cannot GET /no/such/route',
        instance: '/no/such/route',
      });
    });

    it('echoes x-request-id, and makes one up when none is given', async () => {
      const given = await fetch(`${url}/health/live`, {
        headers: { 'x-request-id': 'partner-trace-42' },
      });
      const made = await fetch(`${url}/nope`);

      expect(given.headers.get('x-request-id')).toBe('partner-trace-42');
      expect(made.headers.get('x-request-id')).toMatch(UUID);
    });

    it('serves its OpenAPI document and Swagger UI', async () => {
      const document = await fetch(`${url}/docs-json`);
      const ui = await fetch(`${url}/docs`);

      expect(document.status).toBe(200);
      const openApi = (await document.json()) as {
        openapi: string;
        info: { title: string };
        paths: Record<string, unknown>;
      };
      expect(openApi.openapi).toMatch(/^3\./);
      expect(openApi.info.title).toBe('Samenloop hub');
      expect(Object.keys(openApi.paths)).toEqual(
        expect.arrayContaining(['/health/live', '/health/ready']),
      );
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger-ui-bundle.js');
    });

    it('lets a signed-in auditor read the audit API, and not the administrator token', async () => {
      const accessLog = `${url}/v1/audit/access-log`;
      const asAdmin = await fetch(accessLog, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(asAdmin.status).toBe(401);
      expect(asAdmin.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      const signIn = (username: string) =>
        fetch(`${url}/v1/dashboard/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: url },
          body: JSON.stringify({ username, password: DEMO_PASSWORD }),
        }).then((response) => ({ cookie: response.headers.get('set-cookie')!.split(';')[0]! }));
      const admin = await fetch(accessLog, { headers: await signIn('admin') });
      expect(admin.status).toBe(403);
      expect(((await admin.json()) as { type: string }).type).toBe(`${PROBLEMS}not-auditor`);

      const auditor = await signIn('auditor');
      expect((await fetch(accessLog, { headers: auditor })).status).toBe(200);
      const { entries } = (await (await fetch(accessLog, { headers: auditor })).json()) as {
        entries: { action: string; user: string }[];
      };
      expect(entries.map(({ action, user }) => [action, user])).toEqual([
        ['audit.access-log.read', 'auditor'],
        ['audit.access-log.read', 'auditor'],
      ]);
    });

    // Last: it stops the hub.
    it(
      'stops cleanly on SIGTERM',
      async () => {
        const { code, signal, stderr } = await hub.stop('SIGTERM');

        expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
      },
      RUN_TIMEOUT_MS,
    );
  });
});
