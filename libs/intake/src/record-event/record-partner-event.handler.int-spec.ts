import { randomInt, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { privacyMigrations, AccessLog, KeyVault, Clock } from '@samenloop/privacy';
import {
  clientStream,
  evolveAll,
  toClientCaseEvent,
  toEventToAppend,
  type EventName,
  type EventType,
} from '@samenloop/domain';
import {
  EventStore,
  eventStoreMigrations,
  PostgresEventStore,
  type JoinedAppends,
  type StreamAppend,
} from '@samenloop/event-store';
import {
  BsnIndex,
  CaseStates,
  ClientReferenceRegistry,
  sharingMigrations,
} from '@samenloop/sharing';
import {
  createTestDatabase,
  testHubSecrets,
  testPlatformModule,
  type TestDatabase,
} from '@samenloop/testing';
import { Pool, type PoolClient } from 'pg';
import type { CloudEvent } from '@samenloop/contracts';
import { IntakeModule } from '../intake.module';
import { receiptsMigrations } from '../receipts/receipts.migrations';
import { refusalProblem } from './intake.problems';
import { IntakeRefused } from './intake-refusal';
import {
  RecordPartnerEventCommand,
  type Publisher,
  type RecordedPartnerEvent,
} from './record-partner-event.command';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const GEMEENTE: Publisher = { id: 'gemeente', kind: 'municipality' };
const GGZ: Publisher = { id: 'ggz', kind: 'mental-health' };
/** Low enough to reach in a test, high enough for every other signal in this file. */
const SIGNALS_PER_MINUTE = 20;

/**
 * Appends a rival event, on a connection of its own, just before each append to an existing stream
 * while `rivals` lasts: another process writing between the intake's decision and its append,
 * whether the intake decided on a state it read or on one it remembered.
 */
class RivalStore extends PostgresEventStore {
  rivals = 0;

  override joinTransaction(connection: PoolClient): JoinedAppends {
    const joined = super.joinTransaction(connection);
    return {
      ...joined,
      appendMany: async (appends) => {
        for (const { stream } of appends) await this.rival(stream);
        return joined.appendMany(appends);
      },
    };
  }

  private async rival(stream: string): Promise<void> {
    if (this.rivals > 0 && (await super.readStream(stream, { limit: 1 })).length > 0) {
      this.rivals -= 1;
      const rival = {
        type: 'nl.samenloop.contact-attempted.v1' as const,
        eventId: `rival-${randomUUID()}`,
        partnerId: GEMEENTE.id,
        occurredAt: NOW.toISOString(),
        recordedAt: NOW.toISOString(),
        data: { channel: 'phone' as const, outcome: 'no-answer' as const },
      };
      const trace = {
        source: 'rival',
        subject: 'rival',
        contentHash: 'rival',
        correlationId: 'rival',
      };
      await super.append(stream, [toEventToAppend(rival, randomUUID(), trace)]);
    }
  }
}

function validBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => randomInt(10));
    const check = digits.reduce((sum, digit, index) => sum + digit * (9 - index), 0) % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

function cloudEvent<N extends EventName>(
  partner: Publisher,
  name: N,
  subject: string,
  data: object,
): CloudEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: `urn:samenloop:partner:${partner.id}`,
    type: `nl.samenloop.${name}.v1` as EventType,
    subject,
    time: '2026-03-01T10:00:00+01:00',
    data,
  } as CloudEvent;
}

describe('RecordPartnerEventHandler', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let store: RivalStore;
  let commands: CommandBus;
  // One set of keys for every intake a test starts: the BSN index must match across them.
  const secrets = testHubSecrets();

  beforeAll(async () => {
    db = await createTestDatabase([
      ...eventStoreMigrations,
      ...sharingMigrations,
      ...privacyMigrations,
      ...receiptsMigrations,
    ]);
    store = new RivalStore(db.pool);
    app = await startIntake(store);
    commands = app.get(CommandBus);
  });

  /** The intake over `eventStore`, on the test database (through `pool`, if given). */
  async function startIntake(
    eventStore: EventStore,
    pool: Pool = db.pool,
  ): Promise<INestApplicationContext> {
    const platform = testPlatformModule({
      pool,
      eventStore,
      secrets,
      config: { BSN_SIGNALS_PER_MINUTE: SIGNALS_PER_MINUTE },
    });
    const moduleRef = await Test.createTestingModule({ imports: [platform, IntakeModule] })
      .overrideProvider(Clock)
      .useValue({ now: () => NOW })
      .compile();
    return moduleRef.init();
  }

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const record = (partner: Publisher, event: CloudEvent): Promise<RecordedPartnerEvent> =>
    commands.execute(new RecordPartnerEventCommand(partner, event, `req-${randomUUID()}`));

  const refusal = (partner: Publisher, event: CloudEvent) =>
    record(partner, event).then(
      () => {
        throw new Error('expected a refusal');
      },
      // As the HTTP adapter answers it, whose types and statuses docs/inbound.md lists.
      (error: unknown) => {
        if (!(error instanceof IntakeRefused)) throw error;
        return refusalProblem(error.refusal).problem;
      },
    );

  const person = (bsn: string) => ({
    givenName: 'Wilhelmina',
    familyName: 'Zonneveld',
    birthDate: '1961-07-14',
    bsn,
  });

  async function enrol(subject = `GM-${randomUUID()}`, bsn = validBsn()) {
    const event = cloudEvent(GEMEENTE, 'client-enrolled', subject, {
      municipality: 'GM0794',
      person: person(bsn),
    });
    const { receipt } = await record(GEMEENTE, event);
    const clientId = await app.get(ClientReferenceRegistry).resolve(GEMEENTE.id, subject);
    return { event, receipt, subject, bsn, clientId: clientId! };
  }

  const streamOf = (clientId: string) => store.readStream(clientStream(clientId));

  async function rowCounts() {
    const { rows } = await db.pool.query<Record<string, string>>(`SELECT
      (SELECT count(*) FROM events) AS events,
      (SELECT count(*) FROM intake_receipts) AS receipts,
      (SELECT count(*) FROM client_references) AS references,
      (SELECT count(*) FROM client_bsn_hashes) AS hashes,
      (SELECT count(*) FROM client_keys) AS keys`);
    return rows[0];
  }

  describe('enrolment', () => {
    it('stores the person sealed with the client key: no name, birth date or BSN in clear', async () => {
      const { event, receipt, clientId, bsn, subject } = await enrol();

      expect(receipt).toEqual({
        id: event.id,
        source: 'urn:samenloop:partner:gemeente',
        type: 'nl.samenloop.client-enrolled.v1',
        subject,
        position: expect.any(Number),
        receivedAt: NOW.toISOString(),
      });
      const [stored] = await streamOf(clientId);
      expect(stored).toMatchObject({
        revision: 0,
        position: receipt.position,
        data: { municipality: 'GM0794', reference: subject },
        metadata: {
          eventId: event.id,
          partnerId: 'gemeente',
          recordedAt: NOW.toISOString(),
          source: event.source,
          subject,
          causationId: event.id,
          correlationId: expect.stringMatching(/^req-/),
        },
      });
      const sealed = (stored!.data as { person: { sealed: string } }).person.sealed;
      await expect(app.get(KeyVault).decrypt(clientId, sealed)).resolves.toEqual(person(bsn));

      const { rows } = await db.pool.query<{ row: string }>(
        `SELECT e::text AS row FROM events e UNION ALL SELECT r::text FROM intake_receipts r`,
      );
      for (const clear of ['Wilhelmina', 'Zonneveld', '1961-07-14', bsn]) {
        expect(rows.filter(({ row }) => row.includes(clear))).toEqual([]);
      }
      await expect(app.get(BsnIndex).match(app.get(BsnIndex).hash(bsn))).resolves.toBe(clientId);
    });

    it('refuses a second enrolment under the same reference or with the same BSN', async () => {
      const { subject, bsn } = await enrol();
      const again = (reference: string, number: string) =>
        refusal(
          GEMEENTE,
          cloudEvent(GEMEENTE, 'client-enrolled', reference, {
            municipality: 'GM0794',
            person: person(number),
          }),
        );

      await expect(again(subject, validBsn())).resolves.toMatchObject({
        status: 409,
        type: 'already-enrolled',
      });
      await expect(again(`GM-${randomUUID()}`, bsn)).resolves.toMatchObject({
        status: 409,
        type: 'already-enrolled',
      });
    });
  });

  describe('dedupe by (source, id)', () => {
    it('answers a resend with the first receipt and stores it once; other content is a 409', async () => {
      const { subject, clientId } = await enrol();
      const step = cloudEvent(GEMEENTE, 'ladder-step-reached', subject, { rung: 2 });

      const first = await record(GEMEENTE, step);
      const again = await record(GEMEENTE, { ...step } as CloudEvent);

      expect(first.status).toBe(201);
      expect(again).toEqual({ status: 200, receipt: first.receipt });
      expect(await streamOf(clientId)).toHaveLength(2);
      await expect(
        refusal(GEMEENTE, { ...step, data: { rung: 3 } } as CloudEvent),
      ).resolves.toMatchObject({
        status: 409,
        type: 'duplicate-id',
      });
    });

    it('finds an event stored by a request cut off before its receipt', async () => {
      const { subject, clientId } = await enrol();
      const step = cloudEvent(GEMEENTE, 'ladder-step-reached', subject, { rung: 2 });
      const first = await record(GEMEENTE, step);
      await db.pool.query(
        `UPDATE intake_receipts SET client_id = NULL, position = NULL, received_at = NULL
         WHERE event_id = $1`,
        [step.id],
      );

      await expect(record(GEMEENTE, step)).resolves.toEqual({
        status: 200,
        receipt: first.receipt,
      });
      expect(await streamOf(clientId)).toHaveLength(2);
    });

    it('frees the id of a refused event for a corrected resend', async () => {
      const { subject } = await enrol();
      const done = cloudEvent(GEMEENTE, 'goal-achieved', subject, { goalId: 'g-1' });
      await expect(refusal(GEMEENTE, done)).resolves.toMatchObject({ type: 'goal-state' });

      const corrected = {
        ...done,
        type: 'nl.samenloop.goal-set.v1',
        data: { goalId: 'g-1', lifeArea: 'finances', description: 'Budget' },
      } as CloudEvent;
      await expect(record(GEMEENTE, corrected)).resolves.toMatchObject({ status: 201 });
    });
  });

  describe('signal and match', () => {
    it('involves a partner that signals an enrolled BSN, under its own reference', async () => {
      const { bsn, clientId } = await enrol();
      const signal = cloudEvent(GGZ, 'involvement-signalled', 'GGZ-123', { bsn });

      await expect(record(GGZ, signal)).resolves.toMatchObject({
        status: 201,
        receipt: { subject: 'GGZ-123' },
      });
      const stored = (await streamOf(clientId)).at(-1);
      expect(stored).toMatchObject({ type: 'nl.samenloop.involvement-signalled.v1', data: {} });
      expect(JSON.stringify(stored)).not.toContain(bsn);
      await expect(app.get(ClientReferenceRegistry).resolve(GGZ.id, 'GGZ-123')).resolves.toBe(
        clientId,
      );
      const visit = cloudEvent(GGZ, 'contact-attempted', 'GGZ-123', {
        channel: 'phone',
        outcome: 'reached',
      });
      await expect(record(GGZ, visit)).resolves.toMatchObject({ status: 201 });
    });

    it('answers an unknown BSN with unknown-client and keeps nothing of it', async () => {
      const before = await rowCounts();
      const bsn = validBsn();

      await expect(
        refusal(GGZ, cloudEvent(GGZ, 'involvement-signalled', 'GGZ-404', { bsn })),
      ).resolves.toMatchObject({
        status: 404,
        type: 'unknown-client',
      });
      expect(await rowCounts()).toEqual(before);
      const hash = app.get(BsnIndex).hash(bsn);
      const { rows } = await db.pool.query<{ row: string }>(
        `SELECT e::text AS row FROM events e UNION ALL SELECT r::text FROM intake_receipts r
         UNION ALL SELECT c::text FROM client_references c UNION ALL SELECT h::text FROM client_bsn_hashes h`,
      );
      expect(rows.filter(({ row }) => row.includes(hash) || row.includes(bsn))).toEqual([]);
    });

    it('writes every miss to the access log, naming the partner and never the BSN', async () => {
      const bsn = validBsn();
      const signal = cloudEvent(GGZ, 'involvement-signalled', 'GGZ-405', { bsn });
      await expect(refusal(GGZ, signal)).resolves.toMatchObject({ type: 'unknown-client' });

      const { entries } = await app.get(AccessLog).query({ action: 'bsn.signal.miss' });
      const entry = entries.find(({ detail }) => detail?.eventId === signal.id);
      expect(entry).toMatchObject({ partnerId: GGZ.id, clientId: null });
      const hash = app.get(BsnIndex).hash(bsn);
      expect(JSON.stringify(entries)).not.toContain(bsn);
      expect(JSON.stringify(entries)).not.toContain(hash);
    });

    it('refuses a partner’s signals over the limit a minute with 429 and Retry-After', async () => {
      const tester: Publisher = { id: 'huisarts-tester', kind: 'gp' };
      const outcomes: { status: number; retryAfter?: string }[] = [];
      // Twice the limit and one: even if a minute turns meanwhile, one window overflows.
      for (let i = 0; i <= 2 * SIGNALS_PER_MINUTE; i++) {
        const signal = cloudEvent(tester, 'involvement-signalled', `T-${i}`, { bsn: validBsn() });
        const problem = await refusal(tester, signal);
        outcomes.push({ status: problem.status, retryAfter: problem.headers?.['Retry-After'] });
      }
      const firstRefused = outcomes.findIndex(({ status }) => status === 429);
      expect(firstRefused).toBeGreaterThanOrEqual(SIGNALS_PER_MINUTE);
      expect(Number(outcomes[firstRefused]!.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(outcomes[firstRefused]!.retryAfter)).toBeLessThanOrEqual(60);
      // Another partner's signals are counted apart.
      await expect(
        refusal(GGZ, cloudEvent(GGZ, 'involvement-signalled', 'GGZ-406', { bsn: validBsn() })),
      ).resolves.toMatchObject({ status: 404 });
    });
  });

  describe('concurrent writers in other processes', () => {
    it('decides again on the new state when another writer appended first', async () => {
      const { subject, clientId } = await enrol();
      store.rivals = 3;

      const { status, receipt } = await record(
        GEMEENTE,
        cloudEvent(GEMEENTE, 'ladder-step-reached', subject, { rung: 2 }),
      );

      expect(status).toBe(201);
      const stream = await streamOf(clientId);
      expect(stream.map(({ revision }) => revision)).toEqual([0, 1, 2, 3, 4]);
      expect(stream.at(-1)).toMatchObject({
        type: 'nl.samenloop.ladder-step-reached.v1',
        position: receipt.position,
      });
    });

    it('gives up with concurrency-conflict after ten attempts, storing nothing and freeing the id', async () => {
      const { subject, clientId } = await enrol();
      store.rivals = 10;
      const step = cloudEvent(GEMEENTE, 'ladder-step-reached', subject, { rung: 2 });

      await expect(refusal(GEMEENTE, step)).resolves.toMatchObject({
        status: 409,
        type: 'concurrency-conflict',
      });
      const stream = await streamOf(clientId);
      expect(stream.filter(({ type }) => type === 'nl.samenloop.ladder-step-reached.v1')).toEqual(
        [],
      );
      store.rivals = 0;
      await expect(record(GEMEENTE, step)).resolves.toMatchObject({ status: 201 });
    });
  });
  describe('concurrent requests', () => {
    const contact = (subject: string) =>
      cloudEvent(GEMEENTE, 'contact-attempted', subject, { channel: 'phone', outcome: 'reached' });

    it('stores a resent event once when its copies arrive together, and refuses other content', async () => {
      const { subject, clientId } = await enrol();
      const event = contact(subject);
      const other = { ...event, data: { channel: 'letter', outcome: 'reached' } } as CloudEvent;

      const results = await Promise.allSettled([
        record(GEMEENTE, event),
        record(GEMEENTE, { ...event } as CloudEvent),
        record(GEMEENTE, other),
        record(GEMEENTE, { ...event } as CloudEvent),
      ]);

      const answers = results.map((result) =>
        result.status === 'fulfilled' ? result.value.status : result.reason.refusal.code,
      );
      // Whichever copy is decided first stores it; the other copies find it.
      expect(answers[2]).toBe('duplicate-id');
      expect([answers[0], answers[1], answers[3]].sort()).toEqual([200, 200, 201]);
      const receipts = results.flatMap((result) =>
        result.status === 'fulfilled' ? [result.value.receipt] : [],
      );
      expect(new Set(receipts.map((receipt) => JSON.stringify(receipt))).size).toBe(1);
      const stream = await streamOf(clientId);
      expect(
        stream.filter(({ type }) => type === 'nl.samenloop.contact-attempted.v1'),
      ).toHaveLength(1);
    });

    it('stores every event of many clients sent at once, in contiguous revisions', async () => {
      const clients = await Promise.all(Array.from({ length: 12 }, () => enrol()));
      const events = clients.flatMap(({ subject }) => [1, 2, 3].map(() => contact(subject)));

      const results = await Promise.all(events.map((event) => record(GEMEENTE, event)));

      expect(results.every(({ status }) => status === 201)).toBe(true);
      expect(new Set(results.map(({ receipt }) => receipt.position)).size).toBe(events.length);
      for (const { clientId } of clients) {
        const stream = await streamOf(clientId);
        expect(stream.map(({ revision }) => revision)).toEqual([0, 1, 2, 3]);
      }
      const { rows } = await db.pool.query<{ open: string }>(
        `SELECT count(*) AS open FROM intake_receipts
         WHERE event_id = ANY($1) AND position IS NULL`,
        [events.map(({ id }) => id)],
      );
      expect(Number(rows[0]!.open)).toBe(0);
    });

    it('shares the case before and after its append with the workers, as the stream folds them', async () => {
      const { subject, clientId } = await enrol();
      await record(GEMEENTE, contact(subject));
      await record(GEMEENTE, contact(subject));
      const stream = clientStream(clientId);
      const stored = (await streamOf(clientId)).map(toClientCaseEvent);
      const states = app.get(CaseStates);

      expect(states.latest(stream)).toMatchObject({ revision: 2, state: evolveAll(stored) });
      expect(states.before(stream, 2)).toEqual(evolveAll(stored.slice(0, 2)));
      expect(states.before(stream, 3)).toEqual(evolveAll(stored));
      expect(states.before(stream, 1)).toBeUndefined();
    });

    it('decides again on the stream when a state it remembered was overtaken', async () => {
      const { subject, clientId } = await enrol();
      await record(GEMEENTE, contact(subject));
      // Another process closes the case behind this one's back.
      const closing = {
        type: 'nl.samenloop.case-closed.v1' as const,
        eventId: `other-${randomUUID()}`,
        partnerId: GEMEENTE.id,
        occurredAt: NOW.toISOString(),
        recordedAt: NOW.toISOString(),
        data: { reason: 'goal-reached' },
      };
      const trace = { source: 'other', subject: 'other', contentHash: 'other', correlationId: 'x' };
      await new PostgresEventStore(db.pool).append(clientStream(clientId), [
        toEventToAppend(closing as never, randomUUID(), trace),
      ]);

      await expect(refusal(GEMEENTE, contact(subject))).resolves.toMatchObject({
        status: 422,
        type: 'case-closed',
      });
      expect((await streamOf(clientId)).map(({ type }) => type).at(-1)).toBe(
        'nl.samenloop.case-closed.v1',
      );
    });

    describe('in groups', () => {
      let grouping: INestApplicationContext;
      /** The streams of each transaction's multi-stream append. */
      const groups: number[] = [];

      beforeAll(async () => {
        const base = new PostgresEventStore(db.pool);
        const joinTransaction = (connection: PoolClient): JoinedAppends => {
          const joined = PostgresEventStore.prototype.joinTransaction.call(base, connection);
          return {
            ...joined,
            appendMany: (appends: readonly StreamAppend[]) => {
              groups.push(appends.length);
              return joined.appendMany(appends);
            },
          };
        };
        grouping = await startIntake(Object.assign(base, { joinTransaction }));
      });

      afterAll(async () => {
        await grouping?.close();
      });

      it('shares calls between the requests of different clients, and answers each on its own', async () => {
        const clients = await Promise.all(Array.from({ length: 20 }, () => enrol()));
        const closed = clients[0]!;
        const closing = cloudEvent(GEMEENTE, 'case-closed', closed.subject, {
          reason: 'goal-reached',
        });
        await record(GEMEENTE, closing);
        groups.length = 0;

        const results = await Promise.allSettled(
          clients.map(({ subject }) =>
            grouping
              .get(CommandBus)
              .execute(
                new RecordPartnerEventCommand(GEMEENTE, contact(subject), `req-${randomUUID()}`),
              ),
          ),
        );

        expect(results[0]).toMatchObject({
          status: 'rejected',
          reason: { refusal: { code: 'case-closed' } },
        });
        expect(results.slice(1).every((result) => result.status === 'fulfilled')).toBe(true);
        expect(groups.reduce((sum, size) => sum + size, 0)).toBe(clients.length - 1);
        expect(groups.length).toBeLessThan(clients.length - 1);
        for (const { clientId } of clients.slice(1)) {
          expect((await streamOf(clientId)).map(({ type }) => type)).toEqual([
            'nl.samenloop.client-enrolled.v1',
            'nl.samenloop.contact-attempted.v1',
          ]);
        }
      });
    });
  });

  describe('a write killed between any two statements', () => {
    /** Counts the intake's statements; the one numbered `killAt` finds its connection terminated. */
    let statements = 0;
    let killAt = Number.POSITIVE_INFINITY;
    let pool: Pool;
    let killable: INestApplicationContext;

    beforeAll(async () => {
      pool = new Pool({ connectionString: db.url, max: 5 });
      pool.on('connect', (connection) => {
        const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
        Object.assign(connection, {
          query: (...args: unknown[]) => {
            // The store's NOTIFY follows the commit, outside the request.
            if (/notify/i.test(String((args[0] as { text?: string }).text ?? args[0]))) {
              return query(...args);
            }
            statements += 1;
            if (statements !== killAt) return query(...args);
            // The server ends the session, as when the hub's process or its connection dies.
            return db.pool
              .query('SELECT pg_terminate_backend($1, 10000)', [
                (connection as unknown as { processID: number }).processID,
              ])
              .then(() => query(...args));
          },
        });
      });
      killable = await startIntake(new PostgresEventStore(pool), pool);
    });

    afterAll(async () => {
      await killable?.close();
      await pool?.end();
    });

    const recordOn = (event: CloudEvent) =>
      killable
        .get(CommandBus)
        .execute(new RecordPartnerEventCommand(GEMEENTE, event, `req-${randomUUID()}`));

    async function storedOnce(event: CloudEvent, bsn: string) {
      const { rows } = await db.pool.query<{ client_id: string; copies: string; position: string }>(
        `SELECT min(split_part(e.stream_id, 'client-', 2)) AS client_id, count(*) AS copies,
                min(e.position) AS position
         FROM events e WHERE e.metadata->>'eventId' = $1`,
        [event.id],
      );
      const { client_id: clientId, copies, position } = rows[0]!;
      expect(Number(copies)).toBe(1);
      await expect(
        app.get(ClientReferenceRegistry).resolve(GEMEENTE.id, event.subject),
      ).resolves.toBe(clientId);
      await expect(app.get(BsnIndex).match(app.get(BsnIndex).hash(bsn))).resolves.toBe(clientId);
      const [stored] = await streamOf(clientId);
      const sealed = (stored!.data as { person: { sealed: string } }).person.sealed;
      await expect(app.get(KeyVault).decrypt(clientId, sealed)).resolves.toEqual(person(bsn));
      const { rows: receipts } = await db.pool.query<{ position: string }>(
        'SELECT position FROM intake_receipts WHERE event_id = $1',
        [event.id],
      );
      expect(receipts).toEqual([{ position }]);
    }

    it('leaves the whole enrolment or nothing, and its resend stores it once with its reference and BSN', async () => {
      const enrolment = (bsn: string) =>
        cloudEvent(GEMEENTE, 'client-enrolled', `GM-${randomUUID()}`, {
          municipality: 'GM0794',
          person: person(bsn),
        });
      statements = 0;
      await recordOn(enrolment(validBsn()));
      const path = statements;
      expect(path).toBeGreaterThanOrEqual(8);

      for (let step = 1; step <= path; step++) {
        const bsn = validBsn();
        const event = enrolment(bsn);
        statements = 0;
        killAt = step;
        const first = await recordOn(event).then(
          ({ status }) => status,
          () => 'failed' as const,
        );
        killAt = Number.POSITIVE_INFINITY;
        expect(first).toBe('failed');
        // Nothing of it stays: no event, receipt, binding, BSN or key.
        const left = await db.pool.query(
          `SELECT FROM events WHERE metadata->>'eventId' = $1
           UNION ALL SELECT FROM intake_receipts WHERE event_id = $1
           UNION ALL SELECT FROM client_references WHERE reference = $2
           UNION ALL SELECT FROM client_bsn_hashes WHERE bsn_hash = $3`,
          [event.id, event.subject, app.get(BsnIndex).hash(bsn)],
        );
        expect(left.rowCount).toBe(0);

        const resend = await recordOn({ ...event } as CloudEvent);
        expect(resend.status).toBe(201);
        await storedOnce(event, bsn);
      }
    });
  });
});
