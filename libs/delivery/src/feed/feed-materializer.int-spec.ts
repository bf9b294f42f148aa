import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { privacyMigrations, KeyVault, REDACTED, sealFreeText } from '@samenloop/privacy';
import {
  clientStream,
  type EventDataMap,
  type EventName,
  type EventType,
  eventType,
  type PartnerKind,
  toEventToAppend,
} from '@samenloop/domain';
import type { EventToAppend } from '@samenloop/event-store';
import { ClientReferenceRegistry, PartnerRegistry, sharingMigrations } from '@samenloop/sharing';
import {
  type AgreementsFile,
  createTestStore,
  testPlatformModule,
  type TestStore,
  writeAgreements,
} from '@samenloop/testing';
import { deliveryMigrations } from '../delivery.migrations';
import { DeliveryModule } from '../delivery.module';
import { FeedConsumer } from './feed.consumer';
import { PartnerFeed, type FeedEntry } from './partner-feed-types';
import { PostgresPartnerFeed } from './postgres-partner-feed';

const PERSON = { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30' };

interface TestPartner {
  id: string;
  kind: PartnerKind;
}

// The materializer against PostgreSQL: events appended straight to the store, the feed read back.
describe('the partner feed materializer', () => {
  let db: TestStore;
  let app: INestApplicationContext;
  let feed: PartnerFeed;
  let agreements: AgreementsFile;

  beforeAll(async () => {
    db = await createTestStore([...sharingMigrations, ...privacyMigrations, ...deliveryMigrations]);
    agreements = await writeAgreements();
    const platform = testPlatformModule({
      pool: db.pool,
      eventStore: db.store,
      config: { SHARING_CONFIG: agreements.file },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [platform, DeliveryModule.forRoot()],
    }).compile();
    app = await moduleRef.init();
    feed = app.get(PartnerFeed);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await agreements?.remove();
  });

  async function partner(kind: PartnerKind): Promise<TestPartner> {
    const id = `${kind}-${randomBytes(4).toString('hex')}`;
    await app.get(PartnerRegistry).add({ id, kind, name: `Test ${kind}` });
    return { id, kind };
  }

  /** One client's stream, written as the intake would. */
  class Client {
    readonly id = randomUUID();

    async append<N extends EventName>(
      by: TestPartner,
      name: N,
      data: EventDataMap[EventType<N>],
      subject = `${by.id}-ref`,
    ): Promise<number> {
      const { positions } = await db.store.append(clientStream(this.id), [
        this.event(by, name, data, subject),
      ]);
      return positions[0]!;
    }

    event<N extends EventName>(
      by: TestPartner,
      name: N,
      data: EventDataMap[EventType<N>],
      subject = `${by.id}-ref`,
    ): EventToAppend {
      const now = new Date().toISOString();
      const event = {
        type: eventType(name),
        eventId: randomUUID(),
        partnerId: by.id,
        occurredAt: now,
        recordedAt: now,
        data,
      } as Parameters<typeof toEventToAppend>[0];
      const trace = { source: by.id, subject, contentHash: 'h', correlationId: 'c' };
      return toEventToAppend(event, randomUUID(), trace);
    }

    async enrol(by: TestPartner): Promise<number> {
      const sealed = await app.get(KeyVault).encrypt(this.id, { ...PERSON, bsn: '111222333' });
      return this.append(by, 'client-enrolled', {
        municipality: 'GM0794',
        person: { sealed },
        reference: `GM-${this.id}`,
      });
    }

    /** Involves a partner that may not signal: through a referral it accepts. */
    async refer(from: TestPartner, to: TestPartner): Promise<void> {
      const referralId = randomUUID();
      await this.append(from, 'referral-made', { referralId, service: 'other', toPartner: to.id });
      await this.append(to, 'referral-accepted', { referralId });
    }
  }

  async function enrolled(municipality: TestPartner): Promise<Client> {
    const client = new Client();
    await client.enrol(municipality);
    return client;
  }

  /** Everything the partner received about the client, once the materializer caught up. */
  async function received(receiver: TestPartner, client: Client): Promise<FeedEntry[]> {
    const { rows } = await db.pool.query<{ position: string }>(
      'SELECT max(position) AS position FROM events',
    );
    const last = Number(rows[0]!.position);
    const deadline = Date.now() + 10_000;
    while ((app.get(FeedConsumer).status().checkpoint ?? 0) < last) {
      if (Date.now() > deadline) throw new Error('the materializer did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const entries = await feed.readPartner(receiver.id, 0, 1_000);
    return entries.filter((entry) => entry.clientId === client.id);
  }

  const types = (entries: readonly FeedEntry[]) =>
    entries.map(({ type }) => type.replace(/^nl\.samenloop\.|\.v1$/g, ''));

  it('stops a health partner’s assessments at the first event after consent is withdrawn', async () => {
    const gemeente = await partner('municipality');
    const ggz = await partner('mental-health');
    const client = await enrolled(gemeente);
    await client.append(ggz, 'involvement-signalled', {});
    const scores = { instrument: 'ZRM-2017', scores: { 'mental-health': 2 as const } };
    await client.append(ggz, 'life-areas-assessed', scores);
    const consent = { toPartner: gemeente.id, categories: ['assessment' as const] };
    await client.append(ggz, 'consent-granted', consent);
    const shared = await client.append(ggz, 'life-areas-assessed', scores);
    await client.append(ggz, 'consent-withdrawn', consent);
    await client.append(ggz, 'life-areas-assessed', scores);
    await client.append(ggz, 'contact-attempted', { channel: 'phone', outcome: 'reached' });

    const entries = await received(gemeente, client);

    expect(types(entries)).toEqual([
      'involvement-matched',
      'consent-granted',
      'life-areas-assessed',
      'consent-withdrawn',
      'contact-attempted',
    ]);
    expect(entries[2]).toMatchObject({ position: shared, event: { data: scores } });
  });

  it('applies a changed agreement to the events after the change only', async () => {
    const gemeente = await partner('municipality');
    const welzijn = await partner('welfare');
    const client = await enrolled(gemeente);
    await client.refer(gemeente, welzijn);
    const contact = { channel: 'doorstep', outcome: 'no-answer' } as const;
    await client.append(gemeente, 'contact-attempted', contact);
    expect(types(await received(welzijn, client))).toEqual([
      'referral-made',
      'client-enrolled',
      'contact-attempted',
    ]);

    const original = readFileSync(agreements.file, 'utf8');
    writeFileSync(
      agreements.file,
      original.replace(/^version: .*$/m, "version: 'helmond-2025.2'") +
        `
  - receiver: { partner: ${welzijn.id} }
    categories: [involvement, referral]
    legalBasis: Convenant Samenloop Helmond art. 7, as amended
    purpose: Welcoming referred clients, without contact details.
`,
    );
    await client.append(gemeente, 'contact-attempted', contact);
    await client.append(gemeente, 'case-lead-assigned', {
      leadPartner: gemeente.id,
      leadActor: 'emp-1',
    });

    const entries = await received(welzijn, client);
    expect(types(entries)).toEqual([
      'referral-made',
      'client-enrolled',
      'contact-attempted',
      'case-lead-assigned',
    ]);
    expect(entries.map(({ agreementVersion }) => agreementVersion)).toEqual([
      'helmond-2025.1',
      'helmond-2025.1',
      'helmond-2025.1',
      'helmond-2025.2',
    ]);
  });

  it('tells a signalling partner and everyone involved of the match, and nothing more', async () => {
    const gemeente = await partner('municipality');
    const huisarts = await partner('gp');
    const werk = await partner('work-company');
    const client = await enrolled(gemeente);
    await client.refer(gemeente, werk);
    const signal = await client.append(huisarts, 'involvement-signalled', {}, 'HA-4711');

    const [toGp] = (await received(huisarts, client)).filter(({ position }) => position === signal);
    const toMunicipality = (await received(gemeente, client)).at(-1);
    const toWork = (await received(werk, client)).at(-1);

    expect(toGp).toMatchObject({
      subject: 'HA-4711',
      event: {
        type: 'nl.samenloop.involvement-matched.v1',
        source: 'urn:samenloop:hub',
        subject: 'HA-4711',
        cursor: signal,
        data: { signalledBy: huisarts.id, involvedPartners: [gemeente.id, werk.id].sort() },
      },
    });
    expect(toMunicipality).toMatchObject({
      subject: `GM-${client.id}`,
      event: {
        data: { signalledBy: huisarts.id, involvedPartners: [huisarts.id, werk.id].sort() },
      },
    });
    expect(toWork?.event.data).toEqual({
      signalledBy: huisarts.id,
      involvedPartners: [gemeente.id, huisarts.id].sort(),
    });
    expect(toWork?.event.id).not.toBe(toGp?.event.id);
  });

  it('sends a partner only clients it is involved with, from when it is involved', async () => {
    const gemeente = await partner('municipality');
    const woon = await partner('housing-corporation');
    const client = await enrolled(gemeente);
    const other = await enrolled(gemeente);
    await client.append(gemeente, 'contact-attempted', { channel: 'phone', outcome: 'no-answer' });
    await client.refer(gemeente, woon);
    await client.append(gemeente, 'visit-held', {
      location: 'home',
      lifeAreasDiscussed: ['housing'],
      notes: 'rent arrears discussed at the kitchen table',
    });
    await other.append(gemeente, 'contact-attempted', { channel: 'letter', outcome: 'declined' });

    expect(types(await received(woon, client))).toEqual([
      'referral-made',
      'client-enrolled',
      'visit-held',
    ]);
    expect(await received(woon, other)).toEqual([]);
    const visit = (await received(woon, client)).at(-1);
    // Free text is content, which housing corporations do not receive.
    expect(visit?.event.data).toEqual({ location: 'home', lifeAreasDiscussed: ['housing'] });
  });

  it('gives identity and the BSN only to kinds allowed them, and the subject in their own terms', async () => {
    const gemeente = await partner('municipality');
    const werk = await partner('work-company');
    const welzijn = await partner('welfare');
    const client = await enrolled(gemeente);
    await client.refer(gemeente, werk);
    await client.refer(gemeente, welzijn);

    const enrolmentOf = async (receiver: TestPartner) =>
      (await received(receiver, client)).find(({ type }) => type.includes('client-enrolled'));
    const toWork = await enrolmentOf(werk);
    const toWelfare = await enrolmentOf(welzijn);

    expect(toWork?.event.data).toEqual({
      municipality: 'GM0794',
      person: { ...PERSON, bsn: '111222333' },
    });
    expect(toWelfare?.event.data).toEqual({ municipality: 'GM0794' });
    for (const entry of [toWork, toWelfare]) {
      expect(entry?.subject).not.toContain(client.id);
      expect(entry?.event.subject).toBe(entry?.subject);
    }
    const stored = await db.pool.query<{ event: string }>(
      'SELECT event::text FROM partner_feed WHERE client_id = $1',
      [client.id],
    );
    expect(stored.rows.map(({ event }) => event).join('\n')).not.toMatch(/Anna|111222333/);
  });

  it('shows the redaction marker once the client’s key is destroyed', async () => {
    const gemeente = await partner('municipality');
    const ggz = await partner('mental-health');
    const client = await enrolled(gemeente);
    await client.append(ggz, 'involvement-signalled', {});
    expect((await received(ggz, client))[0]?.event.data).toMatchObject({ person: PERSON });

    await app.get(KeyVault).destroy(client.id);
    const admin = { id: 'admin', kind: 'other' as const };
    await client.append(admin, 'client-erased', { reason: 'art. 17 request' });

    const entries = await received(ggz, client);
    expect(entries[0]?.event.data).toEqual({ municipality: 'GM0794', person: REDACTED });
    expect(types(entries).at(-1)).toBe('client-erased');
    expect(types(await received(gemeente, client)).at(-1)).toBe('client-erased');
  });

  it('keeps free text sealed in the feed, opens it for partners entitled to it, redacts it after erasure', async () => {
    const gemeente = await partner('municipality');
    const werk = await partner('work-company');
    const client = await enrolled(gemeente);
    await client.refer(gemeente, werk);
    const visit = {
      location: 'office' as const,
      lifeAreasDiscussed: ['housing'],
      notes: 'worried about the debts at Bank Oostenrijk',
    };
    const type = 'nl.samenloop.visit-held.v1';
    await client.append(
      werk,
      'visit-held',
      await sealFreeText(app.get(KeyVault), client.id, type, visit),
    );

    const notesOf = async () =>
      (await received(gemeente, client)).find((entry) => entry.type === type)?.event.data;
    expect(await notesOf()).toEqual(visit);
    const stored = await db.pool.query<{ event: string }>(
      'SELECT event::text FROM partner_feed WHERE client_id = $1',
      [client.id],
    );
    expect(stored.rows.map(({ event }) => event).join('\n')).not.toContain('Oostenrijk');

    await app.get(KeyVault).destroy(client.id);
    expect(await notesOf()).toEqual({ ...visit, notes: REDACTED });
  });

  it('gives every receiver of a batch the reference it would get looked up one by one', async () => {
    const gemeente = await partner('municipality');
    const referred = [
      await partner('work-company'),
      await partner('welfare'),
      await partner('housing-corporation'),
    ];
    const clients = [new Client(), new Client(), new Client()];
    const references = app.get(ClientReferenceRegistry);
    // Bound by the intake without an event in the stream: it wins over the pseudonym.
    await references.bind(referred[0]!.id, 'WB-own-7', clients[0]!.id);
    const sealed = await app.get(KeyVault).encrypt(clients[0]!.id, PERSON);
    // One transaction: the materializer takes all of it in one batch.
    await db.store.appendMany(
      clients.map((client) => ({
        stream: clientStream(client.id),
        events: [
          client.event(gemeente, 'client-enrolled', {
            municipality: 'GM0794',
            person: { sealed },
            reference: `GM-${client.id}`,
          }),
          ...referred.flatMap((to) => {
            const referralId = randomUUID();
            return [
              client.event(gemeente, 'referral-made', {
                referralId,
                service: 'other',
                toPartner: to.id,
              }),
              client.event(to, 'referral-accepted', { referralId }),
            ];
          }),
        ],
      })),
    );

    const rows: { entry: FeedEntry; receiver: TestPartner; client: Client }[] = [];
    for (const client of clients) {
      for (const receiver of [gemeente, ...referred]) {
        const entries = await received(receiver, client);
        expect(entries.length).toBeGreaterThan(0);
        rows.push(...entries.map((entry) => ({ entry, receiver, client })));
      }
    }
    for (const { entry, receiver, client } of rows) {
      // The municipality's own reference is in the stream; the others are looked up.
      const expected =
        receiver === gemeente
          ? `GM-${client.id}`
          : await references.referenceFor(receiver.id, client.id);
      expect(entry.subject).toBe(expected);
      expect(entry.event.subject).toBe(expected);
    }
    const subjectOf = (receiver: TestPartner, client: Client) =>
      rows.find((row) => row.receiver === receiver && row.client === client)?.entry.subject;
    expect(subjectOf(referred[0]!, clients[0]!)).toBe('WB-own-7');
    expect(subjectOf(referred[0]!, clients[1]!)).toMatch(/^psn-/);
    expect(subjectOf(referred[1]!, clients[2]!)).toMatch(/^psn-/);
  });

  it('wakes the readers of the partners a batch is for, and no others', async () => {
    const gemeente = await partner('municipality');
    const ggz = await partner('mental-health');
    const bystander = await partner('mental-health');
    const client = await enrolled(gemeente);
    await received(gemeente, client);
    const postgresFeed = app.get(PostgresPartnerFeed);
    await postgresFeed.listen();
    const { wakeUps } = postgresFeed;
    const seen = wakeUps.generation(gemeente.id);
    const seenByBystander = wakeUps.generation(bystander.id);

    await client.append(ggz, 'involvement-signalled', {});
    expect(types(await received(gemeente, client))).toEqual(['involvement-matched']);
    await wakeUps.wait(seen, 10_000, { topic: gemeente.id });

    expect(wakeUps.generation(gemeente.id)).toBeGreaterThan(seen);
    expect(wakeUps.generation(bystander.id)).toBe(seenByBystander);
  });

  it('refuses a cursor that is not in the partner’s feed', async () => {
    const gemeente = await partner('municipality');
    await expect(feed.readPartner(gemeente.id, 999_999, 10)).rejects.toThrow(/not in the feed/);
  });

  it('tells a relay its backlog: the entries after a seq, up to a limit, and the oldest’s time', async () => {
    const gemeente = await partner('municipality');
    const ggz = await partner('mental-health');
    const client = await enrolled(gemeente);
    await client.append(ggz, 'involvement-signalled', {});
    await received(ggz, client);
    const all = await feed.readAll(0, 10_000);
    const head = await feed.headSeq();

    expect(await feed.backlog(0, 10_000)).toMatchObject({ entries: all.length });
    // The stored event's correlation id rides along, for the delivery logs.
    expect(all.at(-1)?.correlationId).toBe('c');
    const last = await feed.backlog(all.at(-2)!.seq, 10);
    expect(last.entries).toBe(1);
    expect(last.oldestAt).toBeInstanceOf(Date);
    expect(await feed.backlog(0, 1)).toMatchObject({ entries: 1 });
    expect(await feed.backlog(head, 10)).toEqual({ entries: 0, oldestAt: null });
  });

  it('binds a partner registered as admin before ids were reserved by its kind, like any other', async () => {
    const gemeente = await partner('municipality');
    // Registration refuses the id now; a row from before is there as it was.
    await db.pool.query(
      `INSERT INTO partners (id, kind, name, token_hash, token_issued_at, created_at)
       VALUES ('admin', 'mental-health', 'GGZ admin', $1, now(), now())`,
      [randomBytes(32).toString('hex')],
    );
    const ggzAdmin = { id: 'admin', kind: 'mental-health' as const };
    const client = await enrolled(gemeente);
    await client.append(ggzAdmin, 'involvement-signalled', {});
    const scores = { instrument: 'ZRM-2017', scores: { 'mental-health': 1 as const } };
    await client.append(ggzAdmin, 'life-areas-assessed', scores);
    await client.append(ggzAdmin, 'contact-attempted', { channel: 'phone', outcome: 'reached' });

    const entries = await received(gemeente, client);
    expect(types(entries)).toEqual(['involvement-matched', 'contact-attempted']);
    expect(entries.at(-1)?.event.source).toBe('urn:samenloop:partner:admin');
  });

  it('holds who the client is back from a matched partner until the municipality confirms', async () => {
    const gemeente = await partner('municipality');
    const ggz = await partner('mental-health');
    writeFileSync(
      agreements.file,
      readFileSync(agreements.file, 'utf8').replace(/^version: .*$/m, "version: 'helmond-2025.3'") +
        `
  - receiver: { partner: ${ggz.id} }
    categories: [identity, involvement, contact, assessment, referral]
    legalBasis: Convenant Samenloop Helmond art. 4
    purpose: Coordinating treatment.
    identityOnMatch: after-confirmation
`,
    );
    const client = await enrolled(gemeente);
    await client.append(ggz, 'involvement-signalled', {});
    await client.append(gemeente, 'contact-attempted', { channel: 'phone', outcome: 'reached' });

    const before = await received(ggz, client);
    expect(types(before)).toEqual(['involvement-matched', 'contact-attempted']);
    expect(JSON.stringify(before)).not.toMatch(/Anna|de Vries|1975|111222333/);

    await client.append(gemeente, 'involvement-confirmed', { partner: ggz.id });
    const after = await received(ggz, client);
    expect(types(after)).toEqual([
      'involvement-matched',
      'contact-attempted',
      'client-enrolled',
      'involvement-confirmed',
    ]);
    expect(after[2]?.event.data).toMatchObject({ person: { ...PERSON, bsn: '111222333' } });
  });
});
