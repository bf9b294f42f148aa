import { runProgram, type ProgramIo } from '../samenloop-program';
import type { CloudEvent } from './cloud-event';
import { DeciderHub } from './decider-hub.spec-helper';
import { PILOT_PARTNERS } from './pilot-partners';

const ADMIN = 'admin-secret';

/** The hub's admin and intake endpoints in front of the in-memory decider hub. */
class FakeHubFetch {
  readonly hub = new DeciderHub();
  readonly partners = new Map<string, string>();
  refuse?: (event: CloudEvent) => boolean;

  readonly fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const { pathname } = new URL(String(input));
    const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '');
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const rotate = /^\/v1\/admin\/partners\/([^/]+)\/rotate$/.exec(pathname);
    if (pathname === '/v1/admin/partners' && token === ADMIN) {
      if (this.partners.has(body.id)) return problem(409, 'partner-exists');
      return json(201, { id: body.id, token: this.issue(body.id) });
    }
    if (rotate && token === ADMIN)
      return json(200, { id: rotate[1], token: this.issue(rotate[1]!) });
    const partnerId = [...this.partners].find(([, issued]) => issued === token)?.[0];
    if (pathname === '/v1/subscriptions') {
      return partnerId ? json(200, []) : problem(401, 'unauthorized');
    }
    if (pathname === '/v1/events') {
      if (!partnerId) return problem(401, 'unauthorized');
      const results = (body as CloudEvent[]).map((event, index) => {
        const outcome = this.refuse?.(event)
          ? { accepted: false }
          : this.hub.accept(partnerId, event);
        return outcome.accepted
          ? { index, status: 201, receipt: { id: event.id } }
          : {
              index,
              status: 422,
              problem: {
                type: 'https://samenloop.nl/problems/goal-state',
                detail: `no ${event.id}`,
              },
            };
      });
      return json(200, { results });
    }
    return problem(404, 'not-found');
  };

  private issue(partnerId: string): string {
    const token = `token-${partnerId}-${Math.random()}`;
    this.partners.set(partnerId, token);
    return token;
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status });
}

function problem(status: number, type: string): Response {
  return json(status, { type: `https://samenloop.nl/problems/${type}`, title: type, status });
}

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: ProgramIo = { out: (line) => out.push(line), err: (line) => err.push(line), env: {} };
  const code = await runProgram(['--url', 'http://hub.test', '--admin-token', ADMIN, ...args], io);
  const tokens = out.filter((line) => line.startsWith('partner token '));
  return { code, out: out.filter((line) => !tokens.includes(line)), tokens, err };
}

describe('samenloop demo', () => {
  let hub: FakeHubFetch;
  beforeEach(() => {
    hub = new FakeHubFetch();
    jest.spyOn(globalThis, 'fetch').mockImplementation(hub.fetch);
  });
  afterEach(() => jest.restoreAllMocks());

  it('enrols the clients, posts their pilots and prints what the hub accepted', async () => {
    const { code, out, tokens, err } = await run('demo', '--clients', '12', '--seed', '99');

    expect({ code, errors: err.filter((line) => line.startsWith('samenloop')) }).toEqual({
      code: 0,
      errors: [],
    });
    expect(out[0]).toMatch(
      /^demo run [0-9a-f]{6}, seed 99 \(repeat the same pilot with --seed 99\)$/,
    );
    expect(tokens).toEqual(
      PILOT_PARTNERS.map(({ id }) =>
        expect.stringMatching(new RegExp(`^partner token ${id} +\\S+$`)),
      ),
    );
    expect(out).toContain('clients enrolled         12');
    expect(out).toContain('events rejected          0');
    expect(hub.hub.cases.size).toBe(12);
    expect(out.join('\n')).toMatch(
      /^referrals +\d+ made: \d+ accepted, \d+ declined, \d+ unanswered$/m,
    );
  });

  it('repeats a seed in a new run, rotating the tokens of partners that exist', async () => {
    const first = await run('demo', '--clients', '5', '--seed', '3');
    const second = await run('demo', '--clients', '5', '--seed', '3');

    expect(second.code).toBe(0);
    expect(second.out.slice(1)).toEqual(first.out.slice(1));
    expect(second.tokens).toHaveLength(PILOT_PARTNERS.length);
    expect(second.tokens).not.toContain(first.tokens[0]);
    expect(second.err).toContainEqual(
      expect.stringMatching(/^demo: new tokens for gemeente-helmond, /),
    );
    expect(hub.hub.cases.size).toBe(10);
  });

  it('keeps the tokens given with --token, and issues only the others', async () => {
    const first = await run('demo', '--clients', '3', '--seed', '3');
    const given = new Map(
      first.tokens.map((line) => line.split(/ +/).slice(2) as [string, string]),
    );
    const kept = [...given].slice(0, 2);

    const second = await run(
      'demo',
      '--clients',
      '5',
      '--seed',
      '4',
      ...kept.flatMap(([id, token]) => ['--token', `${id}=${token}`]),
    );

    expect(second.code).toBe(0);
    expect(second.out).toContain('events rejected          0');
    for (const [id, token] of kept) {
      expect(hub.partners.get(id)).toBe(token);
      expect(second.tokens.join('\n')).not.toContain(id);
    }
    expect(second.tokens).toHaveLength(PILOT_PARTNERS.length - kept.length);
    const rotated = PILOT_PARTNERS.slice(kept.length).map(({ id }) => id);
    expect(second.err).toContain(
      `demo: new tokens for ${rotated.join(', ')} (printed above); their old ones no longer work`,
    );
    expect(hub.hub.cases.size).toBe(8);
  });

  it('refuses a token the hub does not know, in one line, before posting anything', async () => {
    const { code, out, err } = await run(
      'demo',
      '--clients',
      '3',
      '--token',
      `${PILOT_PARTNERS[1]!.id}=made-up`,
    );

    expect(code).toBe(1);
    expect(out.filter((line) => line.startsWith('demo run'))).toEqual([]);
    expect(err).toEqual([
      `samenloop: the hub does not know the token given for ${PILOT_PARTNERS[1]!.id} (--token)`,
    ]);
    expect(hub.hub.cases.size).toBe(0);
  });

  it('fails with exit code 1 when the hub rejects events, after listing the problem once', async () => {
    hub.refuse = (event) => event.type === 'nl.samenloop.goal-set.v1';

    const { code, out, err } = await run('demo', '--clients', '10', '--seed', '5');

    expect(code).toBe(1);
    expect(out.filter((line) => line.includes('422 goal-state'))).toHaveLength(1);
    expect(err.at(-1)).toMatch(/^samenloop: the hub rejected \d+ events \(listed above\)$/);
  });

  it.each([
    [['--clients', '0']],
    [['--clients', '100001']],
    [['--clients', 'many']],
    [['--clients', '2.5']],
    [['--clients', '5', '--seed', '-1']],
    [['--clients', '5', '--concurrency', '0']],
    [['--clients', '5', '--token', 'gemeente-helmond']],
    [['--clients', '5', '--token', '=slp_x']],
    [['--clients', '5', '--token', 'gemeente-helmond=']],
    [['--clients', '5', '--token', 'woonbedrijf=slp_x']],
    [['--clients', '5', '--token', 'gemeente-helmond=a', '--token', 'gemeente-helmond=b']],
    [[]],
  ])('refuses %j with one line and exit code 1', async (args) => {
    const { code, out, err } = await run('demo', ...args);

    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^error: .*(--clients|--seed|--concurrency|--token)/);
  });
});

describe('samenloop demo without a hub', () => {
  it('says in one line that the hub cannot be reached', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runProgram(
      ['--url', 'http://127.0.0.1:1', '--admin-token', ADMIN, 'demo', '--clients', '3'],
      { out: (line) => out.push(line), err: (line) => err.push(line), env: {} },
    );

    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      expect.stringMatching(/^samenloop: cannot reach the hub at http:\/\/127\.0\.0\.1:1/),
    ]);
  });
});
