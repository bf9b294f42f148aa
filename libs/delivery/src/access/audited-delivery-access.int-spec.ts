import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { OutboundCloudEvent } from '@samenloop/contracts';
import { privacyMigrations, AccessLog, SystemClock } from '@samenloop/privacy';
import { eventStoreMigrations } from '@samenloop/event-store';
import { createTestDatabase, recordStatements, type TestDatabase } from '@samenloop/testing';
import { Pool } from 'pg';
import type { FeedEntry } from '../feed/partner-feed-types';
import { AuditedDeliveryAccess } from './audited-delivery-access';

describe('AuditedDeliveryAccess', () => {
  let db: TestDatabase;
  let pool: Pool;
  let statements: string[];
  let access: AuditedDeliveryAccess;

  beforeAll(async () => {
    // The debug line per delivery is not what this test looks at.
    Logger.overrideLogger(['warn', 'error']);
    db = await createTestDatabase([...eventStoreMigrations, ...privacyMigrations]);
    pool = new Pool({ connectionString: db.url, max: 4 });
    statements = recordStatements(pool);
    access = new AuditedDeliveryAccess(new AccessLog(pool, new SystemClock()));
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  let position = 0;
  const entry = (partnerId: string, clientId: string): FeedEntry => {
    position += 1;
    return {
      seq: position,
      partnerId,
      position,
      subject: `ref-${clientId.slice(0, 8)}`,
      type: 'nl.samenloop.contact-attempted.v1',
      clientId,
      agreementVersion: '3',
      event: { id: `event-${position}` } as OutboundCloudEvent,
    };
  };

  async function logged(action: string) {
    const { rows } = await db.pool.query<{
      partner_id: string;
      client_id: string;
      access_point: string;
      positions: number[];
    }>(
      `SELECT partner_id, client_id, access_point, detail->'positions' AS positions
       FROM access_log WHERE action = $1 ORDER BY seq`,
      [action],
    );
    return rows;
  }

  it('logs a Kafka batch for several partners in one statement: an entry per partner and client', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    // The process's first statement learns where the head is.
    await access.record({ channel: 'feed', partnerId: 'ggz', entries: [entry('ggz', a)] });
    statements.length = 0;

    const ggz = [entry('ggz', a), entry('ggz', b), entry('ggz', a)];
    const werk = [entry('werk', c)];
    const schuld = [entry('schuld', b), entry('schuld', c)];
    await access.recordAll([
      { channel: 'kafka', partnerId: 'ggz', entries: ggz, topic: 'samenloop.ggz.events' },
      { channel: 'kafka', partnerId: 'werk', entries: werk, topic: 'samenloop.werk.events' },
      { channel: 'kafka', partnerId: 'schuld', entries: schuld, topic: 'samenloop.schuld.events' },
    ]);

    expect(statements).toEqual(['WITH']);
    const positions = (entries: FeedEntry[]) => entries.map((e) => e.position);
    expect(await logged('kafka.delivery')).toEqual([
      {
        partner_id: 'ggz',
        client_id: a,
        access_point: 'kafka:samenloop.ggz.events',
        positions: positions([ggz[0]!, ggz[2]!]),
      },
      {
        partner_id: 'ggz',
        client_id: b,
        access_point: 'kafka:samenloop.ggz.events',
        positions: positions([ggz[1]!]),
      },
      {
        partner_id: 'werk',
        client_id: c,
        access_point: 'kafka:samenloop.werk.events',
        positions: positions(werk),
      },
      {
        partner_id: 'schuld',
        client_id: b,
        access_point: 'kafka:samenloop.schuld.events',
        positions: positions([schuld[0]!]),
      },
      {
        partner_id: 'schuld',
        client_id: c,
        access_point: 'kafka:samenloop.schuld.events',
        positions: positions([schuld[1]!]),
      },
    ]);
  });

  it('logs a feed page or SSE batch about several clients in one statement', async () => {
    const clients = [randomUUID(), randomUUID(), randomUUID()];
    statements.length = 0;

    await access.record({
      channel: 'sse',
      partnerId: 'ggz',
      entries: clients.map((client) => entry('ggz', client)),
      requestId: 'req-1',
    });

    expect(statements).toEqual(['WITH']);
    expect((await logged('sse.delivery')).map((row) => row.client_id)).toEqual(clients);
  });
});
