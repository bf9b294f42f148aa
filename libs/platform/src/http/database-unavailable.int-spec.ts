import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { isDatabaseUnavailable } from './database-unavailable';
import { renderProblem } from './problem-details-filter';

/** The error a real query raises, or undefined when it succeeds. */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('isDatabaseUnavailable, on errors of a real PostgreSQL and node-postgres', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(() => database.drop());

  it('recognises a refused connection and answers 503 with Retry-After', async () => {
    // Port 1 on loopback: nothing listens, as when the server is stopped.
    const client = new Client({ host: '127.0.0.1', port: 1, user: 'postgres' });
    const error = await failureOf(() => client.connect());

    expect(isDatabaseUnavailable(error)).toBe(true);
    const rendered = renderProblem(error, '/v1/events');
    expect(rendered.problem).toMatchObject({
      status: 503,
      type: 'https://samenloop.nl/problems/database-unavailable',
    });
    expect(rendered.headers['retry-after']).toBe('5');
    expect(rendered.unexpected).toBe(false);
  });

  it('recognises a session the server terminated (as on shutdown), also when wrapped', async () => {
    const victim = new Client({ connectionString: database.url });
    victim.on('error', () => undefined);
    await victim.connect();
    const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await database.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);

    const error = await failureOf(() => victim.query('SELECT 1'));
    await victim.end().catch(() => undefined);

    expect(error).toBeDefined();
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new Error('append failed', { cause: error }))).toBe(true);
  });

  it('leaves errors of the request itself alone: they stay a 500 or their own status', async () => {
    const syntax = await failureOf(() => database.pool.query('SELEC 1'));
    const unique = await failureOf(() =>
      database.pool.query(
        'CREATE TEMP TABLE t (id int primary key); INSERT INTO t VALUES (1), (1)',
      ),
    );

    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(unique)).toBe(false);
    expect(renderProblem(syntax, '/x').problem.status).toBe(500);
  });
});
