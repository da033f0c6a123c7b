/**
 * What one write costs PostgreSQL, counted rather than timed (a VM's speed drifts 2× within an
 * hour; WAL records and HOT updates do not): a fresh database migrated to this checkout's schema,
 * `--tickets` tickets, then single-row inserts and a reply's update of the ticket row
 * (`updated_at`, as `updateTicket` writes it), each in its own transaction. Prints WAL records and
 * bytes per write (cluster-wide `pg_stat_wal`: run it on a quiet server) and how many updates were
 * HOT. Decisions 026 and 027 quote its tables.
 *
 *   node --conditions=source --import tsx bench/write-work.ts [--tickets 50000] [--writes 2000]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../backend/src/db/client.js';
import { runMigrations } from '../backend/src/db/migrate.js';

const { values: flags } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    tickets: { type: 'string', default: '50000' },
    writes: { type: 'string', default: '2000' },
  },
});
const tickets = Number(flags.tickets);
const writes = Number(flags.writes);
const name = 'bench_write_work';
const url = new URL(flags.url);

const admin = new pg.Client({ connectionString: url.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
url.pathname = `/${name}`;

const database = openPostgres({ url: url.toString(), poolSize: 2 });
await runMigrations(database);
await database.close();

const db = new pg.Client({ connectionString: url.toString() });
await db.connect();
// A ticket like the bench's: a subject and a three-sentence description (the search index's words).
const ticketValues = `'Printer ' || g || ' prints blank pages', 'The printer on floor ' || (g % 9) ||
  ' prints blank pages since Monday. We replaced the toner twice. Order ' || g || ' is urgent.',
  (SELECT id FROM ticket_statuses WHERE is_default), (SELECT id FROM ticket_priorities WHERE is_default),
  (SELECT id FROM departments ORDER BY name LIMIT 1), c.id, c.id`;
const ticketColumns = 'subject, description, status_id, priority_id, department_id, customer_id, created_by_id';
await db.query(`INSERT INTO users (email, name, role_id)
  SELECT 'write-work@example.test', 'Write Work', id FROM roles WHERE name = 'CUSTOMER'`);
await db.query(`INSERT INTO tickets (${ticketColumns})
  SELECT ${ticketValues} FROM generate_series(1, ${tickets}) g, (SELECT id FROM users WHERE email = 'write-work@example.test') c`);
await db.query('VACUUM ANALYZE tickets');
const ids = (await db.query<{ id: string }>(`SELECT id FROM tickets ORDER BY random() LIMIT ${writes}`)).rows.map(
  (r) => r.id,
);

interface Counters {
  records: number;
  bytes: number;
  updates: number;
  hot: number;
}
async function counters(): Promise<Counters> {
  // This connection's pending table statistics reach pg_stat_user_tables once it goes idle.
  await db.query('SELECT pg_stat_force_next_flush()');
  await db.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.query<Counters>(
    `SELECT w.wal_records::float8 AS records, w.wal_bytes::float8 AS bytes,
            t.n_tup_upd::float8 AS updates, t.n_tup_hot_upd::float8 AS hot
     FROM pg_stat_wal w, pg_stat_user_tables t WHERE t.relname = 'tickets'`,
  );
  return rows[0] as Counters;
}

async function measure(label: string, write: (i: number) => Promise<unknown>): Promise<string> {
  const before = await counters();
  for (let i = 0; i < writes; i++) await write(i);
  const after = await counters();
  const per = (k: keyof Counters) => ((after[k] - before[k]) / writes).toFixed(1);
  const hot = after.updates > before.updates ? `${after.hot - before.hot} of ${after.updates - before.updates}` : '–';
  return `| ${label} | ${per('records')} | ${per('bytes')} | ${hot} |`;
}

const customer = (await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'write-work@example.test'"))
  .rows[0]?.id;
const rows = [
  await measure('insert a ticket', () =>
    db.query(
      `INSERT INTO tickets (${ticketColumns}) SELECT ${ticketValues} FROM (SELECT 0 AS g) g, (SELECT $1::uuid AS id) c`,
      [customer],
    ),
  ),
  await measure("a reply's update of the ticket", (i) =>
    db.query('UPDATE tickets SET updated_at = now() WHERE id = $1', [ids[i]]),
  ),
];
const indexes = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'tickets'"))
  .rows[0]?.n;
console.log(`PostgreSQL ${(await db.query('SHOW server_version')).rows[0]?.server_version}, ${tickets} tickets,`);
console.log(`${writes} writes each, ${indexes} indexes on tickets\n`);
console.log('| write | WAL records per write | WAL bytes per write | HOT updates |');
console.log('|---|--:|--:|--:|');
for (const row of rows) console.log(row);
await db.end();
