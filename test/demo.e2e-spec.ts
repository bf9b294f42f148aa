import { deliveryMigrations, DeliveryModule } from '@samenloop/delivery';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { AppConfig } from '@samenloop/platform';
import { ReadModelsModule, readModelsMigrations } from '@samenloop/read-models';
import { type CaseloadPage, type Outcomes } from '@samenloop/contracts';
import { AccountsService } from '@samenloop/identity';
import { DEMO_PARTNERS } from '@samenloop/sharing';
import { runCli } from './support/cli-run';
import { projectedUpTo, signIn as signInAt } from './support/dashboard-session';
import { HubHarness } from './support/hub-harness';

const DEMO_TIMEOUT_MS = 180_000;
const PASSWORD = 'een lang genoeg wachtwoord';
const SIGNAL_RULES = [
  'unreached-after-attempts',
  'referral-unanswered',
  'working-past-each-other',
  'no-contact',
  'no-case-lead',
] as const;

async function demo(hub: HubHarness, ...args: string[]) {
  // The harness configures an administrator token but does not hand it out.
  const adminToken = hub.app.get(AppConfig).SAMENLOOP_ADMIN_TOKEN!;
  const { code, out, err } = await runCli(
    ['--url', hub.url, '--admin-token', adminToken, 'demo', ...args],
    {},
  );
  const text = out.join('\n');
  const accepted = Number(/^events accepted +(\d+)$/m.exec(text)?.[1]);
  const tokens = new Map(
    [...text.matchAll(/^partner token (\S+) +(\S+)$/gm)].map(([, id, token]) => [id!, token!]),
  );
  const figure = (label: string) => {
    const [, part, whole] = new RegExp(`^${label} +(\\d+) of (\\d+)`, 'm').exec(text) ?? [];
    return { part: Number(part), whole: Number(whole) };
  };
  return {
    code,
    out,
    err,
    accepted,
    tokens,
    ladder: figure('rose on the ladder'),
    goals: figure('goal reached'),
  };
}

async function storedEvents(hub: HubHarness): Promise<{ count: number; last: number }> {
  const { rows } = await hub.db.pool.query<{ count: number; last: number }>(
    'SELECT count(*)::int AS count, coalesce(max(position), 0)::int AS last FROM events',
  );
  return rows[0]!;
}

describe('samenloop demo against the hub', () => {
  let hub: HubHarness;

  const projected = async () => projectedUpTo(hub, (await storedEvents(hub)).last);
  const signIn = (username: string) => signInAt(hub, username, PASSWORD);

  async function read<T>(cookie: string, path: string): Promise<T> {
    const response = await fetch(`${hub.url}${path}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    hub = await HubHarness.start({
      imports: [IntakeModule, ReadModelsModule, DeliveryModule.forRoot()],
      migrations: [...intakeMigrations, ...readModelsMigrations, ...deliveryMigrations],
      // The demo waits out the BSN throttle; these tests need not.
      env: { BSN_SIGNALS_PER_MINUTE: '100000' },
    });
    // A case lead for each demo partner, and an auditor, who sees every client's outcomes.
    const accounts = [
      ...DEMO_PARTNERS.map(({ id }) => ({
        username: `lead@${id}`,
        role: 'case-lead' as const,
        partnerId: id,
      })),
      { username: 'auditor', role: 'auditor' as const },
    ];
    for (const account of accounts) {
      await hub.app
        .get(AccountsService)
        .create({ ...account, displayName: account.username, password: PASSWORD });
    }
  }, DEMO_TIMEOUT_MS);
  afterAll(() => hub?.close());

  it(
    'posts a pilot that ends today: every signal kind shows, and its figures are the outcomes page’s',
    async () => {
      const run = await demo(hub, '--clients', '80', '--seed', '2026');

      expect({
        code: run.code,
        failures: run.err.filter((line) => line.startsWith('samenloop')),
      }).toEqual({ code: 0, failures: [] });
      expect(run.out).toContain('clients enrolled         80');
      expect(run.out).toContain('events rejected          0');
      expect((await storedEvents(hub)).count).toBe(run.accepted);
      await projected();

      const signalled = new Map<string, number>();
      // Each partner's case lead, among those the demo publishes as.
      for (const id of run.tokens.keys()) {
        const cookie = await signIn(`lead@${id}`);
        for (const rule of SIGNAL_RULES) {
          const page = await read<CaseloadPage>(cookie, `/v1/dashboard/caseload?signal=${rule}`);
          signalled.set(rule, (signalled.get(rule) ?? 0) + page.total);
        }
      }
      expect(SIGNAL_RULES.filter((rule) => !signalled.get(rule))).toEqual([]);

      const outcomes = await read<Outcomes>(await signIn('auditor'), '/v1/dashboard/outcomes');
      expect({ ladder: run.ladder, goals: run.goals }).toEqual({
        ladder: { part: outcomes.ladderRise.rose, whole: outcomes.ladderRise.clients },
        goals: { part: outcomes.goalReached.reached, whole: outcomes.goalReached.clients },
      });
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    'runs the same seed again as a new pilot, printing the new tokens, which the feed takes',
    async () => {
      const before = await storedEvents(hub);

      const run = await demo(hub, '--clients', '5', '--seed', '2026');

      expect(run.code).toBe(0);
      expect(run.err).toContainEqual(
        expect.stringMatching(/^demo: new tokens for gemeente-helmond/),
      );
      expect((await storedEvents(hub)).count).toBe(before.count + run.accepted);
      expect(run.tokens.size).toBe(4);
      for (const [partnerId, token] of run.tokens) {
        const feed = await hub.get('/v1/feed?limit=1', { token });
        expect({ partnerId, status: feed.status }).toEqual({ partnerId, status: 200 });
      }
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    'posts with the tokens given by --token and leaves them working, as the first start printed them',
    async () => {
      const printed = (await demo(hub, '--clients', '2', '--seed', '7')).tokens;

      const run = await demo(
        hub,
        '--clients',
        '3',
        '--seed',
        '8',
        ...[...printed].flatMap(([id, token]) => ['--token', `${id}=${token}`]),
      );

      expect({
        code: run.code,
        failures: run.err.filter((line) => /^(samenloop|demo: new tokens)/.test(line)),
      }).toEqual({ code: 0, failures: [] });
      expect(run.out).toContain('events rejected          0');
      expect(run.tokens.size).toBe(0);
      for (const [partnerId, token] of printed) {
        const feed = await hub.get('/v1/feed?limit=1', { token });
        expect({ partnerId, status: feed.status }).toEqual({ partnerId, status: 200 });
      }
    },
    DEMO_TIMEOUT_MS,
  );
});
