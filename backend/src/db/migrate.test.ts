import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { systemRolePermissions } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { adminQuery, withDatabase } from '../../test/global-setup.js';
import { migrationCount, olderMigrationsFolder } from '../../test/migrations-folder.js';
import { createTestDatabase, testDatabaseUrl, testDriver } from '../../test/test-database.js';
import { type Database, openPglite, openPostgres } from './client.js';
import { runMigrations } from './migrate.js';

/** A database without any migration: PGlite in memory, or a new PostgreSQL database. */
async function emptyDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const url = testDatabaseUrl;
  if (!url) {
    const database = await openPglite({});
    return { database, drop: () => database.close() };
  }
  const name = `helpdesk_test_empty_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const database = openPostgres({ url: withDatabase(url, name), poolSize: 2 });
  return {
    database,
    async drop() {
      await database.close();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

describe(`migrations (${testDriver})`, async () => {
  const { database, url, drop } = await createTestDatabase();
  const { afterAll } = await import('vitest');
  afterAll(drop);

  const columns = async (table: string) =>
    (
      await database.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [table],
      )
    ).map((r) => r.column_name);

  it("creates the guide's tables and columns", async () => {
    expect(await columns('tickets')).toEqual(
      expect.arrayContaining([
        'id',
        'number',
        'status_id',
        'customer_id',
        'assigned_to_id',
        'created_at',
        'updated_at',
      ]),
    );
    expect(await columns('users')).toEqual(expect.arrayContaining(['email', 'role_id', 'is_active']));
    expect(await columns('roles')).toEqual(expect.arrayContaining(['name', 'permissions']));
    expect(await columns('notifications')).toEqual(expect.arrayContaining(['created_at', 'is_read']));
    expect(await columns('ticket_history')).toEqual(expect.arrayContaining(['created_at']));
    expect(await columns('ticket_statuses')).toEqual(expect.arrayContaining(['is_closed']));
  });

  it("has the guide's four ticket indexes, led by the guide's columns (decision 026)", async () => {
    const rows = await database.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'tickets'",
    );
    const byName = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
    expect(byName.idx_tickets_created_at).toMatch(/\(created_at DESC NULLS LAST, id DESC NULLS LAST\)/);
    expect(byName.idx_tickets_status).toMatch(/\(status_id, department_id, priority_id, assigned_to_id\)/);
    expect(byName.idx_tickets_customer).toMatch(/\(customer_id, created_at DESC NULLS LAST, id DESC NULLS LAST\)/);
    expect(byName.idx_tickets_assigned).toMatch(/\(assigned_to_id, created_at DESC NULLS LAST, id DESC NULLS LAST\)/);
    // No narrow index beside a wide one with the same first column (each is written on every insert).
    for (const gone of [
      'idx_tickets_created_id',
      'idx_tickets_status_counts',
      'idx_tickets_customer_created',
      'idx_tickets_assigned_created',
    ])
      expect(byName[gone]).toBeUndefined();
  });

  it('keeps last activity beside the ticket, so no index of the ticket row holds updated_at (decision 027)', async () => {
    // A reply sets updated_at: with that column in no index of tickets its update can be HOT.
    const holding = await database.query<{ indexname: string }>(
      `SELECT i.indexrelid::regclass::text AS indexname FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = 'tickets'::regclass AND a.attname = 'updated_at'`,
    );
    expect(holding).toEqual([]);
    // The trigger keeps ticket_activity whoever writes: an insert, an update of updated_at, a delete.
    const [ticket] = await database.query<{ id: string }>(
      `WITH u AS (INSERT INTO users (email, name, role_id) SELECT 'activity@example.test', 'A', id FROM roles WHERE name = 'CUSTOMER' RETURNING id)
       INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id, created_by_id, updated_at)
       SELECT 'a', 'a', (SELECT id FROM ticket_statuses WHERE is_default), (SELECT id FROM ticket_priorities WHERE is_default),
              (SELECT id FROM departments LIMIT 1), u.id, u.id, '2026-01-02T03:04:05Z' FROM u RETURNING id`,
    );
    // As text: the time, whether it is open, and whether the department copy is the ticket's.
    const activity = async () =>
      (
        await database.query<{ row: string }>(
          `SELECT to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                  || CASE WHEN a.open THEN ' open' ELSE ' closed' END
                  || CASE WHEN a.department_id = t.department_id THEN '' ELSE ' stale department' END AS row
           FROM ticket_activity a JOIN tickets t ON t.id = a.ticket_id WHERE a.ticket_id = $1`,
          [ticket?.id],
        )
      ).map((r) => r.row);
    expect(await activity()).toEqual(['2026-01-02T03:04:05 open']);
    await database.query(`UPDATE tickets SET updated_at = '2026-02-03T04:05:06Z' WHERE id = $1`, [ticket?.id]);
    expect(await activity()).toEqual(['2026-02-03T04:05:06 open']);
    await database.query(`UPDATE tickets SET subject = 'b' WHERE id = $1`, [ticket?.id]);
    expect(await activity()).toEqual(['2026-02-03T04:05:06 open']);
    // psql moving or closing a ticket without touching updated_at still moves its copies.
    await database.query('INSERT INTO departments (name) VALUES ($1)', ['Activity elsewhere']);
    await database.query(
      `UPDATE tickets SET department_id = (SELECT id FROM departments WHERE name = 'Activity elsewhere'),
         closed_at = now() WHERE id = $1`,
      [ticket?.id],
    );
    expect(await activity()).toEqual(['2026-02-03T04:05:06 closed']);
    await database.query('DELETE FROM tickets WHERE id = $1', [ticket?.id]);
    expect(await activity()).toEqual([]);
    await database.query("DELETE FROM users WHERE email = 'activity@example.test'");
    await database.query("DELETE FROM departments WHERE name = 'Activity elsewhere'");
  });

  it('indexes every foreign key that deleting a ticket or a message follows', async () => {
    // Without an index on the referencing column PostgreSQL scans that whole table once per
    // deleted row (ticket deletion, the archive job).
    const unindexed = await database.query<{ fk: string }>(
      `SELECT c.conrelid::regclass::text || '.' || a.attname AS fk
       FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.confrelid IN ('tickets'::regclass, 'ticket_messages'::regclass)
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
       ORDER BY 1`,
    );
    expect(unindexed).toEqual([]);
  });

  it('creates the reference data', async () => {
    const roles = await database.query<{ name: string; permissions: string[] }>(
      'SELECT name, permissions FROM roles ORDER BY name',
    );
    expect(roles.map((r) => r.name)).toEqual(['ADMIN', 'AGENT', 'CUSTOMER', 'SUPER_ADMIN']);
    expect(roles.find((r) => r.name === 'SUPER_ADMIN')?.permissions).toContain('roles.manage');
    expect(roles.find((r) => r.name === 'CUSTOMER')?.permissions).not.toContain('tickets.view_all');
    const statuses = await database.query<{ name: string; is_closed: boolean; is_default: boolean }>(
      'SELECT name, is_closed, is_default FROM ticket_statuses ORDER BY sort_order',
    );
    expect(statuses).toEqual([
      { name: 'Open', is_closed: false, is_default: true },
      { name: 'In Progress', is_closed: false, is_default: false },
      { name: 'Waiting on Customer', is_closed: false, is_default: false },
      { name: 'Resolved', is_closed: true, is_default: false },
      { name: 'Closed', is_closed: true, is_default: false },
    ]);
    const priorities = await database.query<{ name: string; is_default: boolean }>(
      'SELECT name, is_default FROM ticket_priorities ORDER BY level',
    );
    expect(priorities.map((p) => p.name)).toEqual(['Low', 'Normal', 'High', 'Urgent']);
    expect(priorities.find((p) => p.is_default)?.name).toBe('Normal');
    const departments = await database.query<{ name: string }>('SELECT name FROM departments');
    expect(departments).toEqual([{ name: 'General Support' }]);
  });

  it('is idempotent: a second run applies nothing and duplicates nothing', async () => {
    expect(await runMigrations(database)).toBe(0);
    const [count] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM ticket_statuses');
    expect(count?.n).toBe(5);
  });

  it("answers the operations guide's psql queries about tables and users", async () => {
    const sizes = await database.query<{ tablename: string; size: string }>(`
      SELECT schemaname, tablename, pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename)) AS size
      FROM pg_tables WHERE schemaname = 'public'
      ORDER BY pg_total_relation_size(schemaname||'.'||tablename) DESC;`);
    expect(sizes.map((r) => r.tablename)).toEqual(expect.arrayContaining(['tickets', 'users', 'notifications']));
    await database.query(`
      INSERT INTO users (email, name, role_id) SELECT 'boss@example.test', 'Boss', id FROM roles WHERE name = 'ADMIN'`);
    const permissions = await database.query<{ email: string; role: string; permissions: string[] }>(`
      SELECT u.email, r.name as role, r.permissions FROM users u JOIN roles r ON u.role_id = r.id WHERE u.is_active = true;`);
    expect(permissions).toContainEqual(expect.objectContaining({ email: 'boss@example.test', role: 'ADMIN' }));
    const admins = await database.query(`
      SELECT u.email, r.name FROM users u JOIN roles r ON u.role_id = r.id WHERE r.name IN ('ADMIN', 'SUPER_ADMIN');`);
    expect(admins).toEqual([{ email: 'boss@example.test', name: 'ADMIN' }]);
    await database.query("UPDATE users SET is_active = false WHERE email = 'boss@example.test';");
    await database.query("DELETE FROM notifications WHERE created_at < NOW() - INTERVAL '30 days' AND is_read = true;");
    await database.query("DELETE FROM ticket_history WHERE created_at < NOW() - INTERVAL '1 year';");
    const explain = await database.query(
      "EXPLAIN SELECT * FROM tickets WHERE customer_id = '00000000-0000-0000-0000-000000000000' ORDER BY created_at DESC LIMIT 20;",
    );
    expect(explain.length).toBeGreaterThan(0);
  });

  it('writes nothing when a later start finds the schema and reference data in place', async () => {
    // Every row version of the reference tables: an UPDATE, even to the same values, makes a new one.
    const versions = () =>
      database.query<{ t: string; v: string }>(
        `SELECT 'roles' AS t, xmin::text AS v FROM roles UNION ALL SELECT 'statuses', xmin::text FROM ticket_statuses
         UNION ALL SELECT 'priorities', xmin::text FROM ticket_priorities UNION ALL SELECT 'departments', xmin::text FROM departments
         UNION ALL SELECT 'settings', xmin::text FROM settings ORDER BY 1, 2`,
      );
    const before = await versions();
    expect(await runMigrations(database)).toBe(0);
    expect(await versions()).toEqual(before);
  });

  it("gives SUPER_ADMIN this version's permissions and the system roles their flag back on the next start", async () => {
    await database.query(`UPDATE roles SET permissions = '["tickets.view_own"]'::jsonb WHERE name = 'SUPER_ADMIN'`);
    await database.query(`UPDATE roles SET is_system = false WHERE name = 'AGENT'`);
    await runMigrations(database);
    const roles = await database.query<{ name: string; permissions: string[]; is_system: boolean }>(
      `SELECT name, permissions, is_system FROM roles WHERE name IN ('SUPER_ADMIN', 'AGENT') ORDER BY name`,
    );
    expect(roles).toEqual([
      expect.objectContaining({ name: 'AGENT', is_system: true }),
      { name: 'SUPER_ADMIN', permissions: systemRolePermissions.SUPER_ADMIN, is_system: true },
    ]);
  });

  it('applies the migrations a later version adds to a database that has the earlier ones', async () => {
    const older = olderMigrationsFolder();
    const { database: upgraded, drop: dropUpgraded } = await emptyDatabase();
    try {
      expect(await runMigrations(upgraded, older)).toBe(migrationCount() - 1);
      expect(await runMigrations(upgraded)).toBe(1);
      expect(await runMigrations(upgraded)).toBe(0);
    } finally {
      await dropUpgraded();
      rmSync(older, { recursive: true, force: true });
    }
  });

  it('numbers tickets from #1001', async () => {
    const [row] = await database.query<{ n: string }>("SELECT nextval('ticket_number_seq')::text AS n");
    expect(Number(row?.n)).toBeGreaterThanOrEqual(1001);
  });

  it("keeps conversations when the guide's raw archive SQL meets a ticket with messages", async () => {
    await database.query(`
      WITH u AS (INSERT INTO users (email, name, role_id) SELECT 'fk@example.test', 'FK', id FROM roles WHERE name = 'CUSTOMER' RETURNING id),
      t AS (INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id, created_by_id, updated_at)
        SELECT 'old', 'old', (SELECT id FROM ticket_statuses WHERE name = 'Closed'), (SELECT id FROM ticket_priorities WHERE is_default),
               (SELECT id FROM departments LIMIT 1), u.id, u.id, now() - interval '1 year' FROM u RETURNING id, customer_id)
      INSERT INTO ticket_messages (ticket_id, author_id, body) SELECT id, customer_id, 'hello' FROM t`);
    await expect(database.query('DELETE FROM tickets')).rejects.toThrow(/foreign key/);
    const [left] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM ticket_messages');
    expect(left?.n).toBe(1);
  });

  it.skipIf(testDriver !== 'postgres')('lets two instances migrate at once (advisory lock)', async () => {
    const a = openPostgres({ url: url as string, poolSize: 2 });
    const b = openPostgres({ url: url as string, poolSize: 2 });
    try {
      const results = await Promise.all([runMigrations(a), runMigrations(b)]);
      expect(results).toEqual([0, 0]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
