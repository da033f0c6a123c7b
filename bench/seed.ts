/**
 * Fills a freshly migrated database with a realistic helpdesk, fast and deterministically.
 *
 *   node --conditions=source --import tsx bench/seed.ts --tickets 100000 --database-url postgresql://… --seed 42
 *   node --conditions=source --import tsx bench/seed.ts --tickets 10000 --pglite /tmp/bench-pglite
 *
 * Everything is set-based SQL: `INSERT … SELECT … FROM generate_series`, with every "random"
 * choice a hash of the row number and the seed (`hashint8extended`), and every id an md5 of the
 * same, so one seed always gives the same helpdesk and rows can reference each other without
 * lookups. A plan table (one row per ticket) is computed once; tickets, messages, history and
 * notifications are derived from it in chunks, two at a time on PostgreSQL. Secondary indexes
 * of the big tables are dropped during the load and rebuilt afterwards (`--keep-indexes` to
 * measure the other way), then the tables are vacuumed and analyzed.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Database, openPglite, openPostgres } from '../backend/src/db/client.js';
import { runMigrations } from '../backend/src/db/migrate.js';
import { hashPassword } from '../backend/src/lib/passwords.js';
import {
  agentSentences,
  customerSentences,
  departmentNames,
  firstNames,
  lastNames,
  noteSentences,
  products,
  rareWords,
  subjects,
} from './words.js';

interface SeedOptions {
  tickets: number;
  seed: number;
  customers?: number;
  agents?: number;
  departments?: number;
  /** Average messages per ticket is about 5 (1–9, and 20 on one ticket in 500). */
  keepIndexes?: boolean;
  /** Last day of the generated history (UTC midnight); defaults to today. */
  endDate?: Date;
  password?: string;
  log?: (line: string) => void;
}

interface SeedInfo {
  format: number;
  tickets: number;
  messages: number;
  customers: number;
  agents: number;
  departments: number;
  seed: number;
  password: string;
  passwordHash: string;
  endDate: string;
  seconds: number;
  steps: Record<string, number>;
}

/** Bumped whenever the generated data changes shape: a bench database of another format is rebuilt. */
export const SEED_FORMAT = 3;

export const BENCH_EMAIL_DOMAIN = 'bench.example.com';
const DEFAULT_PASSWORD = 'bench-password-1';

/** Sizes that follow from the ticket count unless given: 1,000,000 → 100,000 customers, 200 agents, 20 departments. */
export function deriveSizes(opts: Pick<SeedOptions, 'tickets' | 'customers' | 'agents' | 'departments'>) {
  const departments = opts.departments ?? Math.min(20, Math.max(2, Math.ceil(opts.tickets / 50_000)));
  const wantedAgents = opts.agents ?? Math.min(200, Math.max(10, Math.ceil(opts.tickets / 5_000)));
  // Same number of agents in every department keeps the assignment arithmetic simple.
  const agents = Math.max(departments, Math.round(wantedAgents / departments) * departments);
  const customers = opts.customers ?? Math.max(10, Math.ceil(opts.tickets / 10));
  return { departments, agents, customers };
}

const BIG_TABLES = ['tickets', 'ticket_activity', 'ticket_messages', 'ticket_history', 'notifications'];

/** The seeded tags (issue 16); the first is the most used and the one the bench filters by. */
export const benchTags = ['billing', 'refund', 'bug', 'vip', 'outage', 'invoice', 'onboarding', 'feature-request'];

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function arrayLit(values: string[]): string {
  return `ARRAY[${values.map(lit).join(',')}]::text[]`;
}

/** SQL expressions of the deterministic generator for one seed. */
function generator(seed: number) {
  const salt = (k: number) => seed * 1000 + k;
  /** An integer in [0, 2^31) from a bigint expression. */
  const h = (expr: string, k: number) => `(hashint8extended((${expr})::bigint, ${salt(k)}) & 2147483647)`;
  /** A float in [0, 1). */
  const r = (expr: string, k: number) => `(${h(expr, k)}::float8 / 2147483648.0)`;
  const pick = (values: string[], expr: string, k: number) =>
    `(${arrayLit(values)})[(1 + ${h(expr, k)} % ${values.length})::int]`;
  /** Skewed pick: the first values come up far more often. */
  const pickSkewed = (values: string[], expr: string, k: number, skew: number) =>
    `(${arrayLit(values)})[(1 + floor(${values.length} * power(${r(expr, k)}, ${skew})))::int]`;
  // Shaped as a version-4 UUID (version nibble 4, variant 8): zod's z.uuid() checks both.
  const uuid = (kind: string, expr: string) =>
    `overlay(overlay(md5('${kind}${seed}:' || (${expr})::text) placing '4' from 13) placing '8' from 17)::uuid`;
  return { h, r, pick, pickSkewed, uuid };
}

class Runner {
  constructor(
    private readonly database: Database,
    private readonly log: (line: string) => void,
  ) {}

  /** One statement; on PostgreSQL in its own transaction without FK triggers. */
  async exec(statement: string): Promise<void> {
    if (this.database.kind === 'postgres') {
      await this.database.query(
        `BEGIN; SET LOCAL session_replication_role = replica; SET LOCAL synchronous_commit = off;
         SET LOCAL work_mem = '64MB'; ${statement}; COMMIT`,
      );
    } else {
      await this.database.query(statement);
    }
  }

  /** Runs `make(from, to)` over [1, total] in chunks, `parallel` at a time. */
  async chunks(
    label: string,
    total: number,
    chunk: number,
    parallel: number,
    make: (from: number, to: number) => string,
  ): Promise<void> {
    const ranges: Array<[number, number]> = [];
    for (let from = 1; from <= total; from += chunk) ranges.push([from, Math.min(total, from + chunk - 1)]);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < ranges.length) {
        const range = ranges[next++];
        if (!range) break;
        await this.exec(make(range[0], range[1]));
        done++;
        if (ranges.length > 1 && (done % Math.max(1, Math.floor(ranges.length / 5)) === 0 || done === ranges.length)) {
          this.log(`  ${label}: ${done}/${ranges.length} chunks`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, ranges.length) }, worker));
  }
}

async function ids(database: Database, table: string): Promise<Map<string, string>> {
  const rows = await database.query<{ id: string; name: string }>(`SELECT id, name FROM ${table}`);
  return new Map(rows.map((row) => [row.name, row.id]));
}

function need(map: Map<string, string>, name: string, what: string): string {
  const id = map.get(name);
  if (!id) throw new Error(`seed: the ${what} "${name}" is missing; run it on a freshly migrated database`);
  return `${lit(id)}::uuid`;
}

/** Fills `database` (migrated, without tickets) and records what it did in the database comment. */
export async function seedDatabase(database: Database, opts: SeedOptions): Promise<SeedInfo> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const steps: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    steps[name] = Math.round((performance.now() - t0) / 100) / 10;
    log(`✓ ${name} (${steps[name]} s)`);
  };
  const N = opts.tickets;
  const seed = opts.seed;
  const { departments: D, agents: A, customers: C } = deriveSizes(opts);
  const perDept = A / D;
  const end = opts.endDate ?? new Date(new Date().toISOString().slice(0, 10));
  const endEpoch = Math.floor(end.getTime() / 1000);
  const span = 3 * 365 * 86_400;
  const startEpoch = endEpoch - span;
  const password = opts.password ?? DEFAULT_PASSWORD;
  const parallel = database.kind === 'postgres' ? Math.max(1, Math.min(4, os.cpus().length)) : 1;
  const run = new Runner(database, log);
  const g = generator(seed);

  const existing = await database.query<{ n: string }>('SELECT count(*) AS n FROM tickets');
  if (Number(existing[0]?.n ?? 0) > 0) throw new Error('seed: the database already has tickets; seed a fresh one');

  if (database.kind === 'pglite') {
    // One connection: session settings stay for the whole load.
    await database.query('SET session_replication_role = replica');
  }

  const roles = await ids(database, 'roles');
  const statuses = await ids(database, 'ticket_statuses');
  const priorities = await ids(database, 'ticket_priorities');
  const statusIds = ['Open', 'In Progress', 'Waiting on Customer', 'Resolved', 'Closed'].map((s) =>
    need(statuses, s, 'status'),
  );
  const statusNames = ['Open', 'In Progress', 'Waiting on Customer', 'Resolved', 'Closed'];
  const priorityIds = ['Low', 'Normal', 'High', 'Urgent'].map((p) => need(priorities, p, 'priority'));
  const caseOf = (expr: string, values: string[]) =>
    `CASE ${expr} ${values.map((v, i) => `WHEN ${i + 1} THEN ${v}`).join(' ')} END`;

  const passwordHash = await hashPassword(password);
  log(`Seeding ${N} tickets, ${C} customers, ${A} agents in ${D} departments (seed ${seed}, ${parallel} at a time)`);

  await step('departments and users', async () => {
    const deptName = (k: string) =>
      `CASE WHEN ${k} <= ${departmentNames.length} THEN (${arrayLit(departmentNames)})[${k}] ELSE 'Department ' || ${k} END`;
    // The migration's "General Support" becomes department 1 with a deterministic id.
    await database.query(
      `UPDATE departments SET id = ${g.uuid('d', '1')} WHERE name = ${lit(departmentNames[0] ?? 'General Support')}`,
    );
    await run.exec(
      `INSERT INTO departments (id, name, description, created_at, updated_at)
       SELECT ${g.uuid('d', 'k')}, ${deptName('k')}, 'Seeded by bench/seed.ts',
              to_timestamp(${startEpoch - 86_400 * 30}), to_timestamp(${startEpoch - 86_400 * 30})
       FROM generate_series(1, ${D}) k
       ON CONFLICT (name) DO NOTHING`,
    );
    const name = (expr: string, k: number) =>
      `${g.pick(firstNames, expr, k)} || ' ' || ${g.pick(lastNames, expr, k + 1)}`;
    await run.exec(
      `INSERT INTO users (id, email, name, password_hash, role_id, created_at, updated_at)
       SELECT ${g.uuid('ua', 'k')}, 'agent' || k || '@${BENCH_EMAIL_DOMAIN}', ${name('k', 900)},
              ${lit(passwordHash)}, ${need(roles, 'AGENT', 'role')},
              to_timestamp(${startEpoch - 86_400 * 20}), to_timestamp(${startEpoch - 86_400 * 20})
       FROM generate_series(1, ${A}) k`,
    );
    await run.exec(
      `INSERT INTO users (id, email, name, password_hash, role_id, created_at, updated_at)
       VALUES (${g.uuid('uadmin', '1')}, 'admin@${BENCH_EMAIL_DOMAIN}', 'Bench Admin', ${lit(passwordHash)},
               ${need(roles, 'ADMIN', 'role')}, to_timestamp(${startEpoch - 86_400 * 40}), to_timestamp(${startEpoch - 86_400 * 40}))`,
    );
    await run.exec(
      `INSERT INTO users (id, email, name, password_hash, role_id, created_at, updated_at)
       SELECT ${g.uuid('uc', 'k')}, 'customer' || k || '@${BENCH_EMAIL_DOMAIN}', ${name('k', 910)},
              ${lit(passwordHash)}, ${need(roles, 'CUSTOMER', 'role')},
              to_timestamp(${startEpoch} + ${span} * ${g.r('k', 920)} * 0.5), to_timestamp(${startEpoch})
       FROM generate_series(1, ${C}) k`,
    );
    // Agent k works in department ((k-1) % D) + 1; one in ten also helps the next department.
    await run.exec(
      `INSERT INTO department_members (department_id, user_id)
       SELECT ${g.uuid('d', `((k - 1) % ${D}) + 1`)}, ${g.uuid('ua', 'k')} FROM generate_series(1, ${A}) k
       UNION ALL
       SELECT ${g.uuid('d', `(k % ${D}) + 1`)}, ${g.uuid('ua', 'k')} FROM generate_series(1, ${A}) k
       WHERE ${D} > 1 AND ${g.r('k', 930)} < 0.1
       UNION ALL
       SELECT ${g.uuid('d', 'd')}, ${g.uuid('uadmin', '1')} FROM generate_series(1, ${D}) d`,
    );
  });

  await step('ticket plan', async () => {
    await database.query('DROP TABLE IF EXISTS bench_plan');
    const x = `((n - 0.5) / ${N}.0)`;
    // Tickets arrive faster over time (growth), number order = creation order.
    const created = `(${startEpoch} + ${span} * power(${x}, 0.8))`;
    await run.exec(
      `CREATE UNLOGGED TABLE bench_plan AS
       SELECT n, ${g.uuid('t', 'n')} AS id, created, age, dept, cust, prio, status,
              ${g.uuid('d', 'dept')} AS dept_id, ${g.uuid('uc', 'cust')} AS cust_id,
              ${g.uuid('ua', 'agent')} AS agent_id,
              CASE WHEN status = 1 AND r_assign < 0.5 THEN NULL ELSE ${g.uuid('ua', 'agent')} END AS assignee_id,
              CASE WHEN status = 1 AND r_assign < 0.5 THEN 0 ELSE m END AS m,
              dur
       FROM (
         SELECT n, created, age, dept, cust, prio, m, r_assign, dur,
                dept + ${D} * least(${perDept - 1}, floor(${perDept} * r_agent)::int) AS agent,
                CASE
                  WHEN age < 2 * 86400 THEN CASE WHEN rs < 0.6 THEN 1 WHEN rs < 0.9 THEN 2 ELSE 3 END
                  WHEN age < 30 * 86400 THEN
                    CASE WHEN rs < 0.2 THEN 1 WHEN rs < 0.45 THEN 2 WHEN rs < 0.6 THEN 3 WHEN rs < 0.85 THEN 4 ELSE 5 END
                  ELSE CASE WHEN rs < 0.004 THEN 1 WHEN rs < 0.007 THEN 2 WHEN rs < 0.01 THEN 3 WHEN rs < 0.1 THEN 4 ELSE 5 END
                END AS status
         FROM (
           SELECT n, to_timestamp(${created}) AS created, ${endEpoch} - ${created} AS age,
                  least(${D}, 1 + floor(${D} * power(${g.r('n', 1)}, 1.6))::int) AS dept,
                  least(${C}, 1 + floor(${C} * power(${g.r('n', 2)}, 1.5))::int) AS cust,
                  ${g.r('n', 3)} AS rs,
                  CASE WHEN ${g.r('n', 4)} < 0.25 THEN 1 WHEN ${g.r('n', 4)} < 0.8 THEN 2
                       WHEN ${g.r('n', 4)} < 0.95 THEN 3 ELSE 4 END AS prio,
                  CASE WHEN n % 500 = 7 THEN 20 ELSE 1 + floor(9 * ${g.r('n', 5)})::int END AS m,
                  ${g.r('n', 6)} AS r_assign,
                  ${g.r('n', 7)} AS r_agent,
                  least((${endEpoch} - ${created}) * 0.9, 3600 * (1 + 200 * power(${g.r('n', 8)}, 2))) AS dur
           FROM generate_series(1, ${N}) n
           OFFSET 0
         ) a
         OFFSET 0
       ) b`,
    );
    await database.query('CREATE UNIQUE INDEX ON bench_plan (n)');
    await database.query('ANALYZE bench_plan');
  });

  let dropped: Array<{ name: string; def: string }> = [];
  if (!opts.keepIndexes) {
    await step('drop secondary indexes', async () => {
      dropped = await database.query<{ name: string; def: string }>(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i
         WHERE i.indrelid::regclass::text = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
        [BIG_TABLES],
      );
      for (const index of dropped) await database.query(`DROP INDEX ${index.name}`);
    });
  }

  const chunk = database.kind === 'postgres' ? 50_000 : 5_000;
  const product = (expr: string, k: number) => g.pick(products, expr, k);
  const sentence = (values: string[], expr: string, k: number) =>
    `replace(${g.pick(values, expr, k)}, '{p}', ${product(expr, k + 50)})`;

  await step('tickets', async () => {
    await run.chunks('tickets', N, chunk, parallel, (from, to) => {
      const updated = 'CASE WHEN m > 0 OR status >= 4 THEN created + make_interval(secs => dur) ELSE created END';
      return `INSERT INTO tickets (id, number, subject, description, status_id, priority_id, department_id,
                customer_id, assigned_to_id, created_by_id, closed_at, first_response_at, version, created_at, updated_at)
       SELECT id, 1000 + n,
              replace(${g.pickSkewed(subjects, 'n', 10, 1.5)}, '{p}', ${product('n', 11)}),
              ${sentence(customerSentences, 'n', 12)} || ' ' || ${sentence(customerSentences, 'n', 13)} || ' '
                || ${sentence(customerSentences, 'n', 14)}
                || CASE WHEN ${g.r('n', 15)} < 0.002 THEN ' Reference word: ' || ${g.pick(rareWords, 'n', 16)} || '.'
                        ELSE '' END,
              ${caseOf('status', statusIds)}, ${caseOf('prio', priorityIds)}, dept_id, cust_id, assignee_id,
              CASE WHEN ${g.r('n', 17)} < 0.1 THEN agent_id ELSE cust_id END,
              CASE WHEN status >= 4 THEN created + make_interval(secs => dur) END,
              CASE WHEN m > 0 THEN created + make_interval(secs => dur / (m + 1)) END,
              1 + m, created, ${updated}
       FROM bench_plan WHERE n BETWEEN ${from} AND ${to}`;
    });
    await database.query(`SELECT setval('ticket_number_seq', ${1000 + N})`);
  });

  await step('last activity', async () => {
    // The trigger that keeps ticket_activity (decision 027) is off while seeding (replica role).
    await run.chunks('last activity', N, chunk * 4, parallel, (from, to) => {
      return `INSERT INTO ticket_activity (ticket_id, department_id, open, updated_at)
       SELECT t.id, t.department_id, t.closed_at IS NULL, t.updated_at FROM tickets t
       WHERE t.number BETWEEN ${1000 + from} AND ${1000 + to}`;
    });
  });

  await step('messages', async () => {
    const key = '(p.n * 32 + k)';
    await run.chunks('messages', N, chunk, parallel, (from, to) => {
      return `INSERT INTO ticket_messages (id, ticket_id, author_id, body, is_internal, created_at)
       SELECT ${g.uuid('m', `p.n::text || ':' || k`)}, p.id,
              CASE WHEN k % 2 = 1 THEN p.agent_id ELSE p.cust_id END,
              CASE WHEN k % 2 = 0 THEN ${sentence(customerSentences, key, 20)} || ' ' || ${sentence(customerSentences, key, 21)}
                   WHEN internal THEN ${sentence(noteSentences, key, 22)} || ' ' || ${sentence(noteSentences, key, 23)}
                   ELSE ${sentence(agentSentences, key, 24)} || ' ' || ${sentence(agentSentences, key, 25)} END,
              internal,
              p.created + make_interval(secs => p.dur * k / (p.m + 1))
       FROM bench_plan p
       CROSS JOIN LATERAL generate_series(1, p.m) k
       CROSS JOIN LATERAL (SELECT k % 2 = 1 AND ${g.r(key, 26)} < 0.27 AS internal) i
       WHERE p.n BETWEEN ${from} AND ${to}`;
    });
  });

  await step('history', async () => {
    await run.chunks('history', N, chunk * 2, parallel, (from, to) => {
      return `INSERT INTO ticket_history (id, ticket_id, actor_id, action, field, old_value, new_value, is_internal, created_at)
       SELECT ${g.uuid('h', "n::text || ':1'")}, id, CASE WHEN ${g.r('n', 17)} < 0.1 THEN agent_id ELSE cust_id END,
              'created', NULL, NULL, NULL, false, created
       FROM bench_plan WHERE n BETWEEN ${from} AND ${to}
       UNION ALL
       SELECT ${g.uuid('h', "n::text || ':2'")}, id, assignee_id, 'assigned', 'assignedToId', NULL, assignee_id::text, false,
              created + make_interval(secs => dur / (m + 1) / 2)
       FROM bench_plan WHERE n BETWEEN ${from} AND ${to} AND assignee_id IS NOT NULL
       UNION ALL
       SELECT ${g.uuid('h', "n::text || ':3'")}, id, agent_id, 'status_changed', 'status', 'Open',
              ${caseOf('status', statusNames.map(lit))}, false, created + make_interval(secs => dur)
       FROM bench_plan WHERE n BETWEEN ${from} AND ${to} AND status > 1`;
    });
  });

  await step('tags', async () => {
    // Issue 16: 8 tags; a fifth of the tickets carry 1–3 of them, "billing" (the bench's filter) the most.
    await run.exec(
      `INSERT INTO tags (id, name, created_at, updated_at)
       SELECT ${g.uuid('tg', 'k')}, (${arrayLit(benchTags)})[k], to_timestamp(${startEpoch}), to_timestamp(${startEpoch})
       FROM generate_series(1, ${benchTags.length}) k`,
    );
    await run.chunks('ticket tags', N, chunk * 2, parallel, (from, to) => {
      // The ticket's copies (migration 0032) are written here: its trigger is off while seeding.
      return `INSERT INTO ticket_tags (ticket_id, tag_id, created_at, created_by_id, department_id, ticket_open, ticket_created_at)
       SELECT DISTINCT ON (p.id, tag) p.id, ${g.uuid('tg', 'tag')}, p.created, p.agent_id, p.dept_id, p.status < 4, p.created
       FROM bench_plan p
       CROSS JOIN LATERAL generate_series(1, 1 + floor(3 * ${g.r('p.n', 61)})::int) k
       CROSS JOIN LATERAL (SELECT 1 + floor(${benchTags.length} * power(${g.r('p.n * 4 + k', 62)}, 2))::int AS tag) x
       WHERE p.n BETWEEN ${from} AND ${to} AND ${g.r('p.n', 60)} < 0.2`;
    });
  });

  await step('notifications', async () => {
    // Read unless it is from the last three days; one in twenty older ones was never opened.
    const isRead = (at: string, k: number) =>
      `(${at} <= to_timestamp(${endEpoch - 3 * 86_400}) AND ${g.r('n', k)} >= 0.05)`;
    await run.chunks('notifications', N, chunk * 2, parallel, (from, to) => {
      const assignedAt = 'created + make_interval(secs => dur / (m + 1) / 2)';
      const repliedAt = 'created + make_interval(secs => dur / (m + 1))';
      return `INSERT INTO notifications (id, user_id, ticket_id, type, title, body, is_read, created_at, read_at)
       SELECT ${g.uuid('n', "n::text || ':1'")}, assignee_id, id, 'ticket_assigned',
              'Ticket #' || (1000 + n) || ' was assigned to you', '', ${isRead(assignedAt, 40)}, ${assignedAt},
              CASE WHEN ${isRead(assignedAt, 40)} THEN ${assignedAt} + interval '1 hour' END
       FROM bench_plan WHERE n BETWEEN ${from} AND ${to} AND assignee_id IS NOT NULL
       UNION ALL
       SELECT ${g.uuid('n', "n::text || ':2'")}, cust_id, id, 'agent_reply',
              'New reply on ticket #' || (1000 + n), '', ${isRead(repliedAt, 41)}, ${repliedAt},
              CASE WHEN ${isRead(repliedAt, 41)} THEN ${repliedAt} + interval '1 hour' END
       FROM bench_plan WHERE n BETWEEN ${from} AND ${to} AND m > 0`;
    });
  });

  await step('service levels', async () => {
    // Issue 18: a default 24/7 calendar, one policy for every department, and a clock on every
    // open ticket. Due times are spread from a day before the seed's end to nine days after it (a
    // run some hours after the end finds roughly one in eight breached); paused while waiting on
    // the customer. Set-based: the clocks are synthetic, not computed by the server's code.
    await database.query(`INSERT INTO sla_calendars (name, time_zone, hours, holidays, is_default)
      SELECT 'Bench 24/7', 'UTC', jsonb_agg(jsonb_build_object('day', d, 'start', '00:00', 'end', '24:00')), '[]'::jsonb, true
      FROM generate_series(1, 7) d`);
    await database.query(`INSERT INTO sla_policies (name, calendar_id, warning_percent, targets)
      SELECT 'Bench policy', (SELECT id FROM sla_calendars WHERE is_default), 80,
        jsonb_agg(jsonb_build_object('priorityId', p.id, 'firstResponseMinutes', 240, 'nextResponseMinutes', 240,
          'resolutionMinutes', 14400))
      FROM ticket_priorities p`);
    await database.query(`INSERT INTO ticket_sla (ticket_id, department_id, policy_id, terms, started_at, first_response_at,
        resolution_due_at, paused_at, due_at, due_kind, warn_at)
      SELECT t.id, t.department_id, pol.id,
        jsonb_build_object('policyId', pol.id, 'policyName', pol.name, 'calendarId', null, 'warningPercent', 80,
          'firstResponseMinutes', 240, 'nextResponseMinutes', 240, 'resolutionMinutes', 14400),
        t.created_at, t.first_response_at, x.due, CASE WHEN s.pauses_sla THEN t.updated_at END,
        CASE WHEN NOT s.pauses_sla THEN x.due END, CASE WHEN NOT s.pauses_sla THEN 'resolution' END,
        CASE WHEN NOT s.pauses_sla THEN x.due - interval '48 hours' END
      FROM tickets t
        JOIN ticket_statuses s ON s.id = t.status_id
        CROSS JOIN (SELECT id, name FROM sla_policies) pol
        CROSS JOIN LATERAL (SELECT to_timestamp(${endEpoch})
          + make_interval(hours => (abs(hashtext(t.id::text)) % 240) - 24) AS due) x
      WHERE t.closed_at IS NULL`);
  });

  if (dropped.length > 0) {
    await step(`rebuild ${dropped.length} indexes`, async () => {
      // The GIN indexes are the slow ones: start them first so the B-trees fill the other slot.
      const order = [...dropped].sort(
        (a, b) => Number(b.def.includes('USING gin')) - Number(a.def.includes('USING gin')),
      );
      let next = 0;
      const worker = async () => {
        while (next < order.length) {
          const index = order[next++];
          if (!index) break;
          const t0 = performance.now();
          if (database.kind === 'postgres') {
            await database.query(`SET maintenance_work_mem = '512MB'; ${index.def}; RESET maintenance_work_mem`);
          } else {
            await database.query(index.def);
          }
          log(`  ${index.name} (${Math.round((performance.now() - t0) / 100) / 10} s)`);
        }
      };
      await Promise.all(Array.from({ length: parallel }, worker));
    });
  }

  const counts = await database.query<{ messages: string }>('SELECT count(*) AS messages FROM ticket_messages');
  const messages = Number(counts[0]?.messages ?? 0);
  await database.query('DROP TABLE bench_plan');

  await step('vacuum analyze', async () => {
    if (database.kind === 'pglite') await database.query('RESET session_replication_role');
    for (const table of [
      ...BIG_TABLES,
      'ticket_sla',
      'tags',
      'ticket_tags',
      'users',
      'department_members',
      'departments',
      'roles',
      'ticket_statuses',
      'ticket_priorities',
    ]) {
      await database.query(`VACUUM (ANALYZE) ${table}`);
    }
    // Write the gigabytes the load dirtied now: left to the checkpointer, they were written
    // during the first scenarios of the run that seeded (a 3-minute checkpoint, seen at 1M).
    if (database.kind !== 'pglite') await database.query('CHECKPOINT');
  });

  const info: SeedInfo = {
    format: SEED_FORMAT,
    tickets: N,
    messages,
    customers: C,
    agents: A,
    departments: D,
    seed,
    password,
    passwordHash,
    endDate: end.toISOString().slice(0, 10),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    steps,
  };
  await writeSeedInfo(database, info);
  return info;
}

/** The seed's description lives in the database's comment, so a bench can tell what it holds. */
async function writeSeedInfo(database: Database, info: SeedInfo): Promise<void> {
  const { passwordHash: _hash, ...shown } = info;
  const text = JSON.stringify({ bench: shown });
  await database.query(
    `DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), ${lit(text)}); END $$`,
  );
}

/**
 * Takes a seeded database back to what the seed wrote, so every bench run measures the same data:
 * the write scenarios add tickets (the newest ones, which every queue and search reads first),
 * messages, history and notifications, and assign or answer seeded tickets. Everything the seed
 * wrote is dated before its end date, everything a run wrote after it. A seeded ticket a run
 * touched gets back its assignee (from the first history entry of the run, which names the one
 * before), no first response if it had none, and the update time of its latest remaining entry.
 */
export async function removeBenchWrites(
  database: Database,
  endDate: string,
): Promise<{ tickets: number; messages: number; history: number }> {
  const end = `${lit(endDate)}::timestamptz`;
  const removed: Record<string, number> = {};
  // One transaction on one connection: a run that fails half-way leaves the data as it was.
  await database.db.transaction(async (tx) => {
    const run = async (text: string) =>
      ((await tx.execute(sql.raw(text))) as { rowCount?: number | null }).rowCount ?? 0;
    await run(`
      UPDATE tickets t SET assigned_to_id = (
          SELECT u.id FROM users u JOIN roles r ON r.id = u.role_id
          WHERE u.name = first.old_value AND r.name <> 'CUSTOMER' ORDER BY u.id LIMIT 1)
      FROM (SELECT DISTINCT ON (ticket_id) ticket_id, old_value FROM ticket_history
            WHERE created_at >= ${end} AND action = 'assigned' ORDER BY ticket_id, created_at, id) first
      WHERE t.id = first.ticket_id AND t.created_at < ${end}`);
    await run(`UPDATE tickets SET first_response_at = NULL WHERE created_at < ${end} AND first_response_at >= ${end}`);
    for (const table of ['notifications', 'attachments', 'ticket_history', 'ticket_messages', 'tickets']) {
      removed[table] = await run(`DELETE FROM ${table} WHERE created_at >= ${end}`);
    }
    await run(`
      UPDATE tickets t SET updated_at = greatest(t.created_at,
          (SELECT max(m.created_at) FROM ticket_messages m WHERE m.ticket_id = t.id),
          (SELECT max(h.created_at) FROM ticket_history h WHERE h.ticket_id = t.id))
      WHERE t.updated_at >= ${end}`);
  });
  const found = {
    tickets: removed.tickets ?? 0,
    messages: removed.ticket_messages ?? 0,
    history: removed.ticket_history ?? 0,
  };
  if (found.tickets + found.messages + found.history === 0) return found;
  for (const table of ['tickets', 'ticket_messages', 'ticket_history', 'notifications']) {
    await database.query(`VACUUM (ANALYZE) ${table}`);
  }
  // Write the pages this dirtied now, not while the first scenarios are measured.
  await database.query('CHECKPOINT');
  return found;
}

/** What `seedDatabase` recorded in this database, or undefined when it was not seeded by it. */
export async function readSeedInfo(database: Database): Promise<Omit<SeedInfo, 'passwordHash'> | undefined> {
  const rows = await database.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
  );
  const comment = rows[0]?.comment;
  if (!comment) return undefined;
  try {
    const parsed = JSON.parse(comment) as { bench?: Omit<SeedInfo, 'passwordHash'> };
    return parsed.bench;
  } catch {
    return undefined;
  }
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a whole number ≥ 1, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '42' },
      customers: { type: 'string' },
      agents: { type: 'string' },
      departments: { type: 'string' },
      'database-url': { type: 'string' },
      pglite: { type: 'string' },
      'keep-indexes': { type: 'boolean', default: false },
      'end-date': { type: 'string' },
      password: { type: 'string' },
    },
  });
  const url = values['database-url'] ?? (values.pglite ? undefined : process.env.DATABASE_URL);
  if (!url && !values.pglite) throw new Error('give --database-url postgresql://… or --pglite DIR');
  const database = url
    ? openPostgres({ url, poolSize: Math.max(2, Math.min(4, os.cpus().length)) })
    : await openPglite({ dataDir: values.pglite });
  try {
    const applied = await runMigrations(database);
    if (applied > 0) console.log(`✓ applied ${applied} migration(s)`);
    const info = await seedDatabase(database, {
      tickets: positiveInt('tickets', values.tickets) ?? 100_000,
      seed: positiveInt('seed', values.seed) ?? 42,
      customers: positiveInt('customers', values.customers),
      agents: positiveInt('agents', values.agents),
      departments: positiveInt('departments', values.departments),
      keepIndexes: values['keep-indexes'],
      endDate: values['end-date'] ? new Date(values['end-date']) : undefined,
      password: values.password,
    });
    console.log(
      `✓ seeded ${info.tickets} tickets, ${info.messages} messages, ${info.customers} customers, ` +
        `${info.agents} agents, ${info.departments} departments in ${info.seconds} s`,
    );
    console.log(`  every seeded user: agent1@${BENCH_EMAIL_DOMAIN} … / customer1@${BENCH_EMAIL_DOMAIN} …`);
    console.log(`  password: ${info.password}`);
    console.log(`  argon2 hash: ${info.passwordHash}`);
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
