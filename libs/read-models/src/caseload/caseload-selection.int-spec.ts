import { randomUUID } from 'node:crypto';
import type { ClientCaseEvent, DataCategory } from '@samenloop/domain';
import { eventStoreMigrations } from '@samenloop/event-store';
import { ClientReferenceRegistry, sharingMigrations } from '@samenloop/sharing';
import { createTestDatabase, testHubSecrets, type TestDatabase } from '@samenloop/testing';
import type { DataSource } from 'typeorm';
import { ContactEntity } from '../contacts/contact.entity';
import type { CaseloadQuery } from '@samenloop/contracts';
import { openReadModelsDataSource } from '../database/read-models-data-source';
import { ClientFactsReader } from '../facts/client-facts-reader';
import { GoalEntity } from '../goals/goal.entity';
import { LadderStepEntity } from '../ladder/ladder-step.entity';
import { LifeAreaAssessmentEntity } from '../life-areas/life-area-assessment.entity';
import {
  caseSteps,
  event,
  GGZ,
  MUNICIPALITY,
  WELFARE,
  WORK,
} from '../projection/case-steps.spec-helper';
import { READ_MODEL_PROJECTIONS } from '../projection/projections.catalogue';
import { applyProjections } from '../projection/projection';
import { readModelsMigrations } from '../read-models.migrations';
import { ReferralEntity } from '../referrals/referral.entity';
import { signalsOf } from '../signals/signal.rules';
import { SIGNAL_CATEGORY } from '../signals/signal.view';
import { ViewerReferences } from '../viewer/viewer-references';
import { CaseloadClientEntity } from './caseload-client.entity';
import { judgeCaseloadSignals } from './caseload-signals.job';
import { CaseloadSelection } from './caseload-selection';

const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 0, 6);
const day = (n: number) => new Date(START + n * DAY_MS).toISOString();
const CLIENTS = 150;

/** One client's story from its number: every signal, lead, rung and reference varies with it. */
function story(n: number): { events: ClientCaseEvent[]; ggzSubject?: string } {
  let state = n + 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const at = (from: number, span: number) => day(from + Math.floor(random() * span));
  const events: ClientCaseEvent[] = [
    event(
      MUNICIPALITY,
      'client-enrolled',
      {
        municipality: 'GM0794',
        person: { sealed: 'c2VhbGVk' },
        // Numbered so that the numeric order (GM-9 before GM-10) differs from the bytes' order.
        ...(n % 10 === 9 ? {} : { reference: `${n % 3 === 0 ? 'gm' : 'GM'}-${n}` }),
        startRung: (1 + (n % 3)) as 1 | 2 | 3,
      },
      at(0, 20),
    ),
  ];
  const ggzKnows = random() < 0.6;
  if (ggzKnows) events.push(event(GGZ, 'involvement-signalled', {}, at(20, 5)));
  if (random() < 0.7) {
    const lead = ggzKnows && random() < 0.5 ? GGZ : MUNICIPALITY;
    events.push(
      event(
        MUNICIPALITY,
        'case-lead-assigned',
        { leadPartner: lead.id, leadActor: 'emp-1' },
        at(25, 5),
      ),
    );
  }
  for (let attempt = Math.floor(random() * 6); attempt > 0; attempt--) {
    const outcome = random() < 0.2 ? 'reached' : 'no-answer';
    events.push(
      event(MUNICIPALITY, 'contact-attempted', { channel: 'phone', outcome }, at(70, 25)),
    );
  }
  for (let visit = Math.floor(random() * 4); visit > 0; visit--) {
    const by = [MUNICIPALITY, GGZ, WELFARE][Math.floor(random() * 3)]!;
    events.push(event(by, 'visit-held', { location: 'home', lifeAreasDiscussed: [] }, at(40, 50)));
  }
  if (random() < 0.5) {
    const toWork = random() < 0.5;
    events.push(
      event(
        MUNICIPALITY,
        'referral-made',
        toWork
          ? { referralId: 'r1', service: 'work-activation', toPartner: WORK.id }
          : { referralId: 'r1', service: 'debt-help' },
        at(50, 40),
      ),
    );
    if (toWork && random() < 0.5)
      events.push(event(WORK, 'referral-accepted', { referralId: 'r1' }, at(91, 3)));
  }
  if (random() < 0.6) {
    const by = random() < 0.5 ? GGZ : MUNICIPALITY;
    const rung = (1 + Math.floor(random() * 6)) as 1 | 2 | 3 | 4 | 5 | 6;
    events.push(event(by, 'ladder-step-reached', { rung }, at(60, 30)));
  }
  if (random() < 0.15)
    events.push(event(MUNICIPALITY, 'case-closed', { reason: 'moved' }, day(95)));
  else if (random() < 0.05) events.push(event({ id: 'admin' }, 'client-erased', {}, day(96)));
  return { events, ...(ggzKnows && n % 4 !== 0 ? { ggzSubject: `GGZ-${n}` } : {}) };
}

const ALL: DataCategory[] = ['identity', 'involvement', 'contact', 'assessment', 'referral'];

/**
 * The caseload as `CaseloadQueries` worked it out before: every client of the partner, its
 * signals from the fact tables with `signalsOf`, its rungs from the ladder steps in the partner's
 * audience, then filtered, sorted and paged in memory.
 */
async function inMemory(
  facts: ClientFactsReader,
  references: ViewerReferences,
  clients: readonly CaseloadClientEntity[],
  scope: { partnerId: string; categories: ReadonlySet<DataCategory>; now: Date },
  query: CaseloadQuery,
): Promise<{ total: number; ids: string[] }> {
  const { partnerId, categories, now } = scope;
  const selected = clients.filter(
    (client) =>
      client.involved.includes(partnerId) &&
      (query.scope !== 'mine' || client.leadPartner === partnerId) &&
      (!query.status || client.status === query.status),
  );
  const ids = selected.map(({ clientId }) => clientId);
  const [ladder, referrals, contacts] = await Promise.all([
    facts.ladderSteps(ids, partnerId),
    facts.referrals(ids),
    facts.contacts(ids),
  ]);
  const summaries = selected.map((client) => {
    const signals = signalsOf(
      {
        ...client,
        unansweredReferrals: referrals
          .get(client.clientId)!
          .filter(({ status }) => status === 'made'),
        visits: contacts.get(client.clientId)!.filter(({ kind }) => kind === 'visit'),
      },
      now,
    ).filter(({ rule }) => categories.has(SIGNAL_CATEGORY[rule]));
    const rungs = categories.has('assessment') ? ladder.get(client.clientId)! : [];
    return { client, signals, currentRung: rungs.at(-1)?.rung };
  });
  const referenceOf = await references.of(partnerId, selected);
  const search = query.search?.trim().toLowerCase();
  const sort = query.sort ?? 'signals';
  const rows = summaries
    .filter(({ signals }) => !query.signal || signals.some(({ rule }) => rule === query.signal))
    .filter(
      ({ client }) => !search || referenceOf.get(client.clientId)!.toLowerCase().includes(search),
    )
    .map(({ client, signals, currentRung }) => ({
      id: client.clientId,
      value: {
        reference: referenceOf.get(client.clientId),
        lastContactAt: categories.has('contact') ? client.lastContactAt?.toISOString() : undefined,
        currentRung,
        signals: signals.length,
        openReferrals: categories.has('referral') ? client.openReferrals : 0,
      }[sort],
    }));
  const descending = (query.order ?? (sort === 'reference' ? 'asc' : 'desc')) === 'desc';
  rows.sort((a, b) => {
    const [x, y] = [a.value, b.value];
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
    } else if (x !== y) {
      const order =
        typeof x === 'string' || typeof y === 'string'
          ? String(x).localeCompare(String(y), 'nl', { numeric: true })
          : x - y;
      return descending ? -order : order;
    }
    return a.id.localeCompare(b.id);
  });
  const offset = query.offset ?? 0;
  return {
    total: rows.length,
    ids: rows.slice(offset, offset + (query.limit ?? 50)).map(({ id }) => id),
  };
}

describe('the caseload selection in PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let selection: CaseloadSelection;
  let facts: ClientFactsReader;
  let references: ViewerReferences;
  let clients: CaseloadClientEntity[];

  beforeAll(async () => {
    db = await createTestDatabase([
      ...eventStoreMigrations,
      ...sharingMigrations,
      ...readModelsMigrations,
    ]);
    dataSource = await openReadModelsDataSource(db.url);
    let position = 1;
    const steps = Array.from({ length: CLIENTS }, (_, n) => {
      const { events, ggzSubject } = story(n);
      const clientSteps = caseSteps(randomUUID(), events, position).map((step) =>
        step.event.partnerId === GGZ.id && ggzSubject ? { ...step, subject: ggzSubject } : step,
      );
      position += events.length;
      return clientSteps;
    }).flat();
    await dataSource.transaction(async (manager) => {
      await applyProjections(READ_MODEL_PROJECTIONS, steps, manager);
    });
    references = new ViewerReferences(new ClientReferenceRegistry(db.pool, testHubSecrets()));
    selection = new CaseloadSelection(dataSource.getRepository(CaseloadClientEntity), references);
    facts = new ClientFactsReader(
      dataSource.getRepository(LadderStepEntity),
      dataSource.getRepository(GoalEntity),
      dataSource.getRepository(LifeAreaAssessmentEntity),
      dataSource.getRepository(ReferralEntity),
      dataSource.getRepository(ContactEntity),
    );
    clients = await dataSource.getRepository(CaseloadClientEntity).find();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const queries: CaseloadQuery[] = [
    {},
    { limit: 500 },
    { offset: 40, limit: 25 },
    { offset: 10_000 },
    { scope: 'mine' },
    { status: 'open', limit: 500 },
    { status: 'closed', sort: 'reference' },
    { search: ' gm-1 ', sort: 'reference', limit: 500 },
    { search: 'GGZ-2', limit: 500 },
    { search: 'psn', sort: 'reference', order: 'desc', limit: 500 },
    { sort: 'reference', limit: 500 },
    { sort: 'reference', order: 'desc', offset: 20, limit: 30 },
    { sort: 'lastContactAt', limit: 500 },
    { sort: 'lastContactAt', order: 'asc', limit: 500 },
    { sort: 'currentRung', limit: 500 },
    { sort: 'currentRung', order: 'asc', scope: 'mine', limit: 500 },
    { sort: 'signals', order: 'asc', limit: 500 },
    { sort: 'openReferrals', limit: 500 },
    { signal: 'unreached-after-attempts', limit: 500 },
    { signal: 'referral-unanswered', sort: 'reference', limit: 500 },
    { signal: 'working-past-each-other', limit: 500 },
    { signal: 'no-contact', status: 'open', sort: 'lastContactAt', limit: 500 },
    { signal: 'no-case-lead', offset: 5, limit: 10 },
  ];
  const viewers: [string, DataCategory[]][] = [
    [MUNICIPALITY.id, ALL],
    [GGZ.id, ALL],
    [WORK.id, ['involvement', 'referral']],
    [MUNICIPALITY.id, ['involvement', 'assessment']],
  ];
  const moments = [day(80), day(100), day(130)].map((time) => new Date(time));

  /** The job's flags as projected (none), or judged once at a time between or at the moments. */
  async function judgedAt(time: string | undefined): Promise<void> {
    await dataSource.query(
      `UPDATE read_caseload_members SET signals_from = 'infinity', signals_until = '-infinity'`,
    );
    if (time)
      expect(await judgeCaseloadSignals(dataSource.manager, new Date(time))).toBeGreaterThan(0);
  }

  describe.each([
    ['as projected, before the job judged them', undefined],
    ['judged at one of the moments', day(100)],
    ['judged between the moments', day(90)],
  ])('with the signal flags %s', (_state, judgedTime) => {
    beforeAll(() => judgedAt(judgedTime));

    it.each(viewers)(
      'gives %s (%j) the pages and totals the in-memory caseload gave',
      async (partnerId, categories) => {
        for (const now of moments) {
          const scope = { partnerId, categories: new Set(categories), now };
          for (const query of queries) {
            const page = await selection.page(scope, query);
            const expected = await inMemory(facts, references, clients, scope, query);
            expect({
              query,
              now,
              total: page.total,
              ids: page.clients.map((c) => c.clientId),
            }).toEqual({ query, now, ...expected });
          }
        }
      },
    );
  });

  it('judges again only the rows whose window a period left since', async () => {
    // A millisecond past midnight, where none of the stories' periods starts or ends.
    const at = (time: string) => new Date(Date.parse(time) + 1);
    await judgedAt(at(day(100)).toISOString());
    expect(await judgeCaseloadSignals(dataSource.manager, at(day(100)))).toBe(0);
    const [{ rows }] = await dataSource.query(
      `SELECT count(*)::int AS rows FROM read_caseload_members`,
    );
    const again = await judgeCaseloadSignals(dataSource.manager, at(day(130)));
    expect(again).toBeGreaterThan(0);
    expect(again).toBeLessThan(rows);
  });

  it('finds every signal and sort the queries ask about among the clients', async () => {
    const scope = { partnerId: MUNICIPALITY.id, categories: new Set(ALL), now: moments[1]! };
    for (const signal of [
      'unreached-after-attempts',
      'referral-unanswered',
      'working-past-each-other',
      'no-contact',
      'no-case-lead',
    ] as const) {
      expect([signal, (await selection.page(scope, { signal })).total > 0]).toEqual([signal, true]);
    }
  });
});
