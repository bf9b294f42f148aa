import type { Migration, SqlSession } from '@samenloop/platform';

export const relayCheckpointMigrations: Migration[] = [
  {
    id: 'delivery/kafka-001-relay-checkpoints',
    sql: `
      -- The last feed seq each relay produced to its Kafka cluster; a feed seq, not a log
      -- position, hence apart from the event store's consumer_checkpoints.
      CREATE TABLE kafka_relay_checkpoints (
        name text PRIMARY KEY,
        seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

/** Where a relay resumes: written on its leader session, so a relay that lost the lock cannot. */
export const relayCheckpoints = {
  async read(session: SqlSession, name: string): Promise<number> {
    const { rows } = await session.query<{ seq: string }>(
      'SELECT seq FROM kafka_relay_checkpoints WHERE name = $1',
      [name],
    );
    return rows[0] ? Number(rows[0].seq) : 0;
  },

  async write(session: SqlSession, name: string, seq: number): Promise<void> {
    await session.query(
      `INSERT INTO kafka_relay_checkpoints (name, seq) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET seq = EXCLUDED.seq, updated_at = now()`,
      [name, seq],
    );
  },
};
