import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { inlined, type WriteStatement } from './write-statement';

/** Texts that would break out of a literal, an array's text form or the statement if badly quoted. */
const AWKWARD = [
  "it's",
  "''; DROP TABLE written; --",
  'back\\slash \\\\ and \\x41 \\n',
  'a "quoted", {braced} element',
  'NULL',
  '',
  '$1 and $2 inside a value',
  'line\nbreak\ttab',
  'Zoë 🙂 ∑',
];

describe('statements inlined for one round trip', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(
      `CREATE TABLE written (n int PRIMARY KEY, text text, list text[], json jsonb, at bigint, flag boolean)`,
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  const insert = (n: number, ...values: WriteStatement['values']): WriteStatement => ({
    text: 'INSERT INTO written (n, text, list, json, at, flag) VALUES ($1, $2, $3::text[], $4::jsonb, $5, $6)',
    values: [n, ...values],
  });

  it('writes every value as PostgreSQL reads it from a parameter, all statements in one round trip', async () => {
    const json = JSON.stringify({ awkward: AWKWARD, nested: { quote: '"', backslash: '\\' } });
    const statements = AWKWARD.map((text, n) =>
      insert(n, text, AWKWARD, json, -n * 1e12, n % 2 === 0),
    );
    statements.push(insert(100, null, [], null, null, null));

    await db.pool.query(inlined(statements));

    const { rows } = await db.pool.query('SELECT * FROM written ORDER BY n');
    expect(rows).toEqual([
      ...AWKWARD.map((text, n) => ({
        n,
        text,
        list: AWKWARD,
        json: JSON.parse(json),
        at: String(-n * 1e12),
        flag: n % 2 === 0,
      })),
      { n: 100, text: null, list: [], json: null, at: null, flag: null },
    ]);
  });

  it('runs the statements in order, each seeing the one before', async () => {
    await db.pool.query(
      inlined([
        { text: 'DELETE FROM written', values: [] },
        insert(1, 'first', [], null, 1, true),
        { text: 'UPDATE written SET text = text || $1 WHERE n = $2', values: [' then second', 1] },
      ]),
    );
    const { rows } = await db.pool.query('SELECT n, text FROM written');
    expect(rows).toEqual([{ n: 1, text: 'first then second' }]);
  });

  it('refuses a statement naming a parameter it lacks, and a number PostgreSQL cannot take', () => {
    expect(() => inlined([{ text: 'SELECT $1, $2', values: ['one'] }])).toThrow(
      'statement names $2 but has 1 value(s)',
    );
    expect(() => inlined([{ text: 'SELECT $1', values: [Number.NaN] }])).toThrow(
      'cannot write NaN into a statement',
    );
  });
});
