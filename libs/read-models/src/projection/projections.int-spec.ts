import { randomUUID } from 'node:crypto';
import {
  clientStream,
  toEventToAppend,
  ZRM_2017_LIFE_AREAS,
  type ClientCaseEvent,
  type ReferralService,
} from '@samenloop/domain';
import {
  PostgresEventStore,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '@samenloop/event-store';
import { workerLag } from '@samenloop/platform';
import { PartnerRegistry, sharingMigrations } from '@samenloop/sharing';
import { createTestStore, type TestStore } from '@samenloop/testing';
import type { DataSource } from 'typeorm';
import { SIGNAL_PERIODS_COLUMN } from '../caseload/caseload-signal-periods';
import { openReadModelsDataSource } from '../database/read-models-data-source';
import { readModelsMigrations } from '../read-models.migrations';
import { CaseHistory } from './case-history';
import {
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
  PARTNERS,
  WELFARE,
  WORK,
} from './case-steps.spec-helper';
import { ormSessions } from './orm-session';
import { PartnerKinds } from './partner-kinds';
import {
  holdingProjection,
  inTransaction,
  resetProjection,
  tryLockProjection,
} from './projection-ledger';
import { rebuildProjections } from './projection-rebuild';
import { applyProjections, type Projection } from './projection';
import { ProjectionGroup } from './projection-group';
import { READ_MODEL_PROJECTIONS } from './projections.catalogue';

/** The store itself, counting how often the global log is read: by subscription, or by page. */
class CountingStore extends PostgresEventStore {
  readonly calls = { subscribeToAll: 0, readAll: 0 };

  override subscribeToAll(options?: SubscribeToAllOptions): AsyncGenerator<RecordedEvent> {
    this.calls.subscribeToAll += 1;
    return super.subscribeToAll(options);
  }

  override readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.calls.readAll += 1;
    return super.readAll(options);
  }
}

/** A small, varied pilot: each client's story from a seed, so that every run writes the same log. */
function story(seed: number): ClientCaseEvent[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString();
  const events: ClientCaseEvent[] = [enrolment(day(0), 1)];
  const ggzKnows = random() < 0.6;
  if (ggzKnows) events.push(event(GGZ, 'involvement-signalled', {}, day(1)));
  // Some matches are confirmed, the others stay waiting for the municipality.
  if (ggzKnows && seed % 3 === 0)
    events.push(event(MUNICIPALITY, 'involvement-confirmed', { partner: GGZ.id }, day(2)));
  // The work company joins some cases, and leaves some of those again.
  if (seed % 4 !== 0) events.push(event(WORK, 'involvement-signalled', {}, day(1)));
  if (seed % 4 === 1) events.push(event(WORK, 'involvement-ended', {}, day(2)));
  const attempts = 1 + Math.floor(random() * 4);
  for (let n = 1; n <= attempts; n++) {
    const outcome = n === attempts ? 'appointment-made' : 'no-answer';
    events.push(
      event(MUNICIPALITY, 'contact-attempted', { channel: 'phone', outcome }, day(1 + n * 2)),
    );
  }
  const lead = ggzKnows && random() < 0.7 ? GGZ : MUNICIPALITY;
  // Now and then the lead is never assigned: the partner just does the work.
  if (seed % 6 !== 0)
    events.push(
      event(
        MUNICIPALITY,
        'case-lead-assigned',
        { leadPartner: lead.id, leadActor: 'emp-1' },
        day(12),
      ),
    );
  for (let visit = 0; visit < 1 + Math.floor(random() * 3); visit++) {
    events.push(
      event(
        lead,
        'visit-held',
        { location: 'home', lifeAreasDiscussed: ['finances'], notes: 'notitie' },
        day(14 + visit * 5),
      ),
    );
  }
  if (ggzKnows && random() < 0.4) {
    events.push(
      event(
        GGZ,
        'consent-granted',
        { toPartner: MUNICIPALITY.id, categories: ['assessment'] },
        day(20),
      ),
    );
  }
  const scores = Object.fromEntries(
    ZRM_2017_LIFE_AREAS.map((area, i) => [area, ((i + seed) % 5) + 1]),
  );
  events.push(
    event(lead, 'life-areas-assessed', { instrument: 'ZRM-2017', scores } as never, day(24)),
  );
  events.push(
    event(lead, 'goal-set', { goalId: 'g1', lifeArea: 'time-use', description: 'Koffie' }, day(25)),
  );
  if (random() < 0.5) events.push(event(lead, 'goal-achieved', { goalId: 'g1' }, day(80)));
  const service: ReferralService = random() < 0.5 ? 'work-activation' : 'debt-help';
  const toPartner = service === 'work-activation' ? { toPartner: WORK.id } : {};
  events.push(event(lead, 'referral-made', { referralId: 'r1', service, ...toPartner }, day(26)));
  if (toPartner.toPartner)
    events.push(event(WORK, 'referral-accepted', { referralId: 'r1' }, day(30)));
  events.push(event(lead, 'ladder-step-reached', { rung: 2 }, day(60)));
  if (random() < 0.3)
    events.push(
      event(
        WELFARE,
        'visit-held',
        { location: 'neighbourhood-centre', lifeAreasDiscussed: [] },
        day(61),
      ),
    );
  // Partners that are not the lead visiting days apart, and a client no longer reached.
  if (lead !== GGZ && ggzKnows)
    events.push(event(GGZ, 'visit-held', { location: 'home', lifeAreasDiscussed: [] }, day(58)));
  if (random() < 0.4)
    for (const n of [0, 1, 2])
      events.push(
        event(
          MUNICIPALITY,
          'contact-attempted',
          { channel: 'phone', outcome: 'no-answer' },
          day(70 + n * 3),
        ),
      );
  if (random() < 0.2) events.push(event(MUNICIPALITY, 'case-closed', { reason: 'moved' }, day(90)));
  else if (random() < 0.1) events.push(event({ id: 'admin' }, 'client-erased', {}, day(95)));
  return events;
}

describe('the projections on PostgreSQL', () => {
  let db: TestStore;
  let dataSource: DataSource;
  let partners: PartnerKinds;
  let end = 0;

  /** Appends the stories round by round, so that the clients' events interleave in the log. */
  async function appendClients(count: number, firstSeed: number): Promise<void> {
    const stories = Array.from({ length: count }, (_, i) => ({
      clientId: randomUUID(),
      events: story(firstSeed + i),
    }));
    for (let round = 0; stories.some(({ events }) => events.length > round); round++) {
      for (const { clientId, events } of stories) {
        const next = events[round];
        if (!next) continue;
        const trace = {
          source: next.partnerId,
          subject: `${next.partnerId}-${clientId}`,
          contentHash: 'h',
          correlationId: 'c',
        };
        const { positions } = await db.store.append(clientStream(clientId), [
          toEventToAppend(next, randomUUID(), trace),
        ]);
        end = Math.max(end, ...positions);
      }
    }
  }

  const options = () => ({ store: db.store, sessions: ormSessions(dataSource), partners });

  /** Every projection table, every row, in key order. */
  async function snapshot(): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const projection of READ_MODEL_PROJECTIONS) {
      for (const entity of projection.entities) {
        const { tableName, primaryColumns } = dataSource.getMetadata(entity);
        const order = primaryColumns.map(({ databaseName }) => databaseName).join(', ');
        tables[tableName] = (
          await db.pool.query(`SELECT * FROM ${tableName} ORDER BY ${order}`)
        ).rows;
      }
    }
    return tables;
  }

  async function caughtUp(group: ProjectionGroup): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (group.status().some(({ checkpoint }) => checkpoint !== end)) {
      if (Date.now() > deadline)
        throw new Error(`not caught up: ${JSON.stringify(group.status())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function rebuildAll(): Promise<void> {
    await rebuildProjections(READ_MODEL_PROJECTIONS, { ...options(), pageSize: 5 });
  }

  beforeAll(async () => {
    db = await createTestStore([...sharingMigrations, ...readModelsMigrations]);
    dataSource = await openReadModelsDataSource(db.url);
    const registry = new PartnerRegistry(db.pool);
    for (const partner of PARTNERS) await registry.add({ ...partner, name: partner.id });
    partners = new PartnerKinds(registry);
    await appendClients(24, 1);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('gives the same tables from a rebuild from position 0 as from the live consumers', async () => {
    const group = new ProjectionGroup(READ_MODEL_PROJECTIONS, {
      ...options(),
      log: () => undefined,
      batchSize: 7,
    });
    await group.start();
    try {
      await caughtUp(group);
      const live = await snapshot();
      expect(live.read_caseload).toHaveLength(24);
      // A member for each involved partner and none for one who left (the work company, twice).
      const { rows: members } = await db.pool.query(
        `SELECT (SELECT count(*)::int FROM read_caseload_members) AS members,
                (SELECT sum(cardinality(involved))::int FROM read_caseload) AS involved,
                (SELECT count(*)::int FROM read_caseload_members m JOIN read_caseload c
                   USING (client_id) WHERE NOT m.partner_id = ANY (c.involved)) AS strays`,
      );
      expect(members[0]).toEqual({
        members: members[0].involved,
        involved: expect.any(Number),
        strays: 0,
      });
      // Every signal's periods take part, so a rebuild must give them too.
      for (const column of Object.values(SIGNAL_PERIODS_COLUMN).map(({ column }) => column))
        expect(live.read_caseload!.some((row) => (row as never)[column] !== '{}')).toBe(true);
      expect(live.read_timeline!.length).toBe(end);
      const waiting = live.read_caseload!.map(
        (row) => (row as { unconfirmed: string[] }).unconfirmed,
      );
      expect(new Set(waiting.map((partners) => partners.length))).toEqual(new Set([0, 1, 2]));

      await rebuildAll();

      expect(await snapshot()).toEqual(live);
    } finally {
      await group.stop();
    }
  });

  it("keeps other writers of a projection's tables out while a rebuild holds it", async () => {
    const caseload = READ_MODEL_PROJECTIONS.find(({ name }) => name === 'caseload')!;
    const tryLock = () => dataSource.transaction((manager) => tryLockProjection(manager, caseload));

    const whileHeld = await holdingProjection(options().sessions, caseload, tryLock);

    expect(whileHeld).toBe(false);
    expect(await tryLock()).toBe(true);
  });

  it('changes nothing when it sees every event twice', async () => {
    const once = await snapshot();
    for (const projection of READ_MODEL_PROJECTIONS) {
      await holdingProjection(options().sessions, projection, async (session) => {
        await inTransaction(session, () => resetProjection(session, projection));
        const history = new CaseHistory(db.store, partners);
        const events = await db.store.readAll();
        for (let start = 0; start < events.length; start += 25) {
          const page = events.slice(start, start + 25);
          // Each batch twice, and each event twice within it.
          const doubled = page.flatMap((recorded) => [recorded, recorded]);
          await inTransaction(session, async () => {
            await applyProjections([projection], await history.stepsOf(page), session.manager);
            await applyProjections([projection], await history.stepsOf(doubled), session.manager);
          });
        }
      });
    }
    expect(await snapshot()).toEqual(once);
  });

  it('rebuilds safely while the live consumers run, which then resume after it', async () => {
    const logged: string[] = [];
    const group = new ProjectionGroup(READ_MODEL_PROJECTIONS, {
      ...options(),
      log: (line) => logged.push(line),
      batchSize: 5,
    });
    await group.start();
    try {
      await Promise.all([rebuildAll(), appendClients(8, 100)]);
      await appendClients(2, 200);
      await caughtUp(group);
      const live = await snapshot();
      expect(live.read_caseload).toHaveLength(34);
      // The consumers met the rebuilds and stood back rather than writing over them.
      expect(logged.some((line) => line.includes('moved to position'))).toBe(true);

      await rebuildAll();
      expect(await snapshot()).toEqual(live);
    } finally {
      await group.stop();
    }
  });

  it('feeds every projection from one read of the log; a reset one catches up alone and rejoins', async () => {
    await rebuildAll();
    const reading = new CountingStore(db.pool);
    const logged: string[] = [];
    const group = new ProjectionGroup(READ_MODEL_PROJECTIONS, {
      ...options(),
      store: reading,
      log: (line) => logged.push(line),
      batchSize: 25,
    });
    await group.start();
    try {
      await appendClients(3, 300);
      await caughtUp(group);
      expect(reading.calls).toEqual({ subscribeToAll: 1, readAll: 0 });

      const timeline = READ_MODEL_PROJECTIONS.find(({ name }) => name === 'timeline')!;
      await holdingProjection(options().sessions, timeline, (session) =>
        inTransaction(session, () => resetProjection(session, timeline)),
      );
      await appendClients(3, 400);
      await caughtUp(group);
      expect(
        logged.some((line) => line.startsWith('projection timeline moved to position start')),
      ).toBe(true);
      // It read the log from the start in pages of its own, while the group's subscription went on.
      expect(reading.calls.subscribeToAll).toBe(1);
      expect(reading.calls.readAll).toBeGreaterThan(1);

      const pages = reading.calls.readAll;
      await appendClients(2, 500);
      await caughtUp(group);
      // Back in the group: the subscription alone brought it the new events.
      expect(reading.calls).toEqual({ subscribeToAll: 1, readAll: pages });
      const live = await snapshot();
      await rebuildAll();
      expect(await snapshot()).toEqual(live);
    } finally {
      await group.stop();
      await reading.close();
    }
  });

  it('runs in one process of several, reporting the lag of each projection; a standby takes over', async () => {
    const group = () =>
      new ProjectionGroup(READ_MODEL_PROJECTIONS, {
        ...options(),
        log: () => undefined,
        standbyRetryMs: 50,
      });
    const [first, second] = [group(), group()];
    await first.start();
    try {
      while (!first.status()[0]!.leader) await new Promise((resolve) => setTimeout(resolve, 20));
      await second.start();
      await appendClients(1, 600);
      await caughtUp(first);
      expect(second.status().some(({ leader }) => leader)).toBe(false);
      const lags = await workerLag.sample();
      for (const { name } of READ_MODEL_PROJECTIONS) {
        expect(lags.get(`read-models.${name}`)).toMatchObject({ events: 0, seconds: 0 });
      }

      await first.stop();
      await appendClients(1, 700);
      await caughtUp(second);
      expect(second.status().every(({ leader }) => leader)).toBe(true);
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('holds up no projection for ones whose batches fail, in their reads or in their writes', async () => {
    const broken: Projection = {
      name: 'broken',
      version: 1,
      entities: [],
      prepare: () => Promise.reject(new Error('broken on purpose')),
    };
    const unwritable: Projection = {
      name: 'unwritable',
      version: 1,
      entities: [],
      // Fails in the database, in the round trip that carries every projection's writes.
      prepare: async () => [{ text: 'SELECT $1::int', values: ['unwritable on purpose'] }],
    };
    const timeline = READ_MODEL_PROJECTIONS.find(({ name }) => name === 'timeline')!;
    const group = new ProjectionGroup([timeline, broken, unwritable], {
      ...options(),
      log: () => undefined,
    });
    await group.start();
    try {
      await appendClients(1, 800);
      const deadline = Date.now() + 30_000;
      // The two new ones catch up on their own from the start, beside the group's batches.
      const settled = () => {
        const [live, ...failing] = group.status();
        return live!.checkpoint === end && failing.every(({ lastError }) => lastError);
      };
      while (!settled()) {
        if (Date.now() > deadline) throw new Error(JSON.stringify(group.status()));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(group.status()[1]).toMatchObject({ checkpoint: null, lastError: 'broken on purpose' });
      expect(group.status()[2]).toMatchObject({
        checkpoint: null,
        lastError: expect.stringContaining('"unwritable on purpose"'),
      });
    } finally {
      await group.stop();
    }
  });

  it('rebuilds a projection whose version changed when its consumer starts', async () => {
    await db.pool.query(`UPDATE read_projection_versions SET version = 0 WHERE name = 'timeline'`);
    await db.pool.query(`DELETE FROM read_timeline WHERE position % 2 = 0`);
    const timeline = READ_MODEL_PROJECTIONS.find(({ name }) => name === 'timeline')!;
    const group = new ProjectionGroup([timeline], { ...options(), log: () => undefined });
    await group.start();
    try {
      await caughtUp(group);
      const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM read_timeline');
      expect(rows[0].n).toBe(end);
    } finally {
      await group.stop();
    }
  });

  it('gives the same steps from a cache too small for the clients as from one that holds them all', async () => {
    // The log interleaves the clients: a cache of two rebuilds nearly every state from its stream.
    const events = await db.store.readAll();
    const small = await new CaseHistory(db.store, partners, { capacity: 2 }).stepsOf(events);
    expect(small).toEqual(await new CaseHistory(db.store, partners).stepsOf(events));
    expect(small).toHaveLength(end);
  });
});
