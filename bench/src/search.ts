// Search latency: 1,000,000 messages in 10,000 conversations, generated with SQL, with the viewer a
// member of 200 of them; two-word queries through the API on one node (PostgreSQL). Prints p50/p99
// for common and rare word pairs, and the size of the search index.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/src/search.ts [messages=1000000]
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, spawnNode } from '@parley/server/testing';
import { gql } from './support';

const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const CONVERSATIONS = 10_000;
const VIEWER_IN = 200;
const WORDS = 5000;
const QUERIES = 200;

const db = await createTestDatabase();
const node = await spawnNode({ DATABASE_URL: db.url, JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' });
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const time = async (what: string, fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  console.log(`${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
};
try {
  const viewer = await gql(
    node.url,
    'mutation($u: String!) { signUp(input: { username: $u, password: "bench-password" }) { accessToken user { id } } }',
    { u: `searcher_${randomBytes(3).toString('hex')}` },
  );
  const token: string = viewer.signUp.accessToken;
  const viewerId: string = viewer.signUp.user.id;
  // Words w0 … w4999; the text generator favours low numbers, so w1 is common and w4000 rare.
  await time('users and conversations', async () => {
    await sql.query(`INSERT INTO users (id, username, username_lower, display_name, password_hash)
      SELECT gen_random_uuid(), 'gen' || g, 'gen' || g, 'Gen ' || g, 'x' FROM generate_series(1, 1000) g`);
    await sql.query(`INSERT INTO conversations (id, kind, title, member_count)
      SELECT gen_random_uuid(), 'GROUP', 'c' || g, 5 FROM generate_series(1, ${CONVERSATIONS}) g`);
    await sql.query(`INSERT INTO members (conversation_id, user_id, role)
      SELECT c.id, u.id, 'MEMBER' FROM (SELECT id, row_number() OVER () AS n FROM conversations) c
      JOIN (SELECT id, row_number() OVER () AS n FROM users WHERE username LIKE 'gen%') u ON u.n % 200 = c.n % 200`);
    await sql.query(
      `INSERT INTO members (conversation_id, user_id, role) SELECT id, $1, 'MEMBER' FROM conversations
       WHERE title LIKE 'c%' ORDER BY random() LIMIT ${VIEWER_IN}`,
      [viewerId],
    );
  });
  await time(`${MESSAGES.toLocaleString('en')} messages (text, search vector, index)`, () =>
    sql.query(`
      INSERT INTO messages (id, conversation_id, seq, sender_id, kind, text, created_at)
      SELECT gen_random_uuid(), c.id, row_number() OVER (PARTITION BY c.id ORDER BY g), NULL, 'TEXT',
        array_to_string(ARRAY(
          SELECT 'w' || floor(${WORDS} * power(random(), 2.5))::int
          FROM generate_series(1, 6 + (g % 12)) AS k WHERE k > 0 AND g > 0), ' '),
        now() - (g || ' seconds')::interval
      FROM generate_series(1, ${MESSAGES}) g
      JOIN (SELECT id, row_number() OVER () - 1 AS n FROM conversations) c ON c.n = g % ${CONVERSATIONS}`),
  );
  await sql.query('VACUUM ANALYZE messages');
  const size = await sql.query<{ idx: string; tbl: string }>(
    `SELECT pg_size_pretty(pg_relation_size('messages_search_idx')) AS idx,
            pg_size_pretty(pg_total_relation_size('messages')) AS tbl`,
  );

  async function run(label: string, pick: () => string): Promise<string> {
    const ms: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      const r = await gql(
        node.url,
        'query($q: String!) { searchMessages(query: $q, first: 20) { hits { snippet message { id } } } }',
        { q: `${pick()} ${pick()}` },
        token,
      );
      ms.push(performance.now() - t);
      hits += r.searchMessages.hits.length;
    }
    ms.sort((a, b) => a - b);
    const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!.toFixed(1);
    return `| ${label} | ${q(0.5)} | ${q(0.99)} | ${(hits / QUERIES).toFixed(1)} |`;
  }
  const word = (max: number, min = 0) => `w${min + Math.floor(Math.random() * (max - min))}`;
  console.log(`\nsearch index ${size.rows[0]!.idx}; messages table with indexes ${size.rows[0]!.tbl}\n`);
  console.log('| two-word query | p50 ms | p99 ms | hits per page |');
  console.log('|---|---|---|---|');
  console.log(await run('common words (w0–w99)', () => word(100)));
  console.log(await run('mid-frequency words (w100–w999)', () => word(1000, 100)));
  console.log(await run('rare words (w1000–w4999)', () => word(5000, 1000)));
} finally {
  await sql.end();
  node.kill();
  await node.exited;
  // KEEP=1 leaves the database for EXPLAIN ANALYZE and prints where it is.
  if (process.env['KEEP'] === '1') console.log(`kept ${db.url}`);
  else await db.drop();
}
