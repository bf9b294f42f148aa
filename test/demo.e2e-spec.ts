import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { runProgram } from '@samenloop/operator';
import { AppConfig } from '@samenloop/platform';
import { HubHarness } from './support/hub.harness';

const DEMO_TIMEOUT_MS = 120_000;

async function demo(hub: HubHarness, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // The harness configures an administrator token but does not hand it out.
  const adminToken = hub.app.get(AppConfig).SAMENLOOP_ADMIN_TOKEN!;
  const code = await runProgram(['--url', hub.url, '--admin-token', adminToken, 'demo', ...args], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
  });
  const accepted = Number(/^events accepted +(\d+)$/m.exec(out.join('\n'))?.[1]);
  return { code, out, err, accepted };
}

async function storedEvents(hub: HubHarness): Promise<number> {
  const { rows } = await hub.db.pool.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM events',
  );
  return rows[0]!.count;
}

describe('samenloop demo against the hub', () => {
  let hub: HubHarness;
  beforeAll(async () => {
    hub = await HubHarness.start({ imports: [IntakeModule], migrations: intakeMigrations });
  });
  afterAll(() => hub?.close());

  it(
    'posts a pilot of 20 clients that the hub stores in full',
    async () => {
      const run = await demo(hub, '--clients', '20', '--seed', '2026');

      expect({
        code: run.code,
        failures: run.err.filter((line) => line.startsWith('samenloop')),
      }).toEqual({ code: 0, failures: [] });
      expect(run.out).toContain('clients enrolled         20');
      expect(run.out).toContain('events rejected          0');
      expect(run.accepted).toBeGreaterThan(20 * 10);
      expect(await storedEvents(hub)).toBe(run.accepted);
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    'runs the same seed again as a new pilot, with new tokens for the existing partners',
    async () => {
      const before = await storedEvents(hub);

      const run = await demo(hub, '--clients', '20', '--seed', '2026');

      expect(run.code).toBe(0);
      expect(run.err).toContainEqual(
        expect.stringMatching(/^demo: new tokens for gemeente-helmond/),
      );
      expect(await storedEvents(hub)).toBe(before + run.accepted);
    },
    DEMO_TIMEOUT_MS,
  );
});
