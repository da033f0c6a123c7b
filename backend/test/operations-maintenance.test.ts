import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import {
  archiveTickets,
  cleanHistory,
  cleanNotifications,
  listArchived,
  parseAge,
  sweepUploads,
  unarchiveTicket,
  vacuumAnalyze,
} from '../src/modules/maintenance/maintenance.service.js';
import { useTestApp } from './build-test-app.js';
import { factories } from './factories.js';

/** A ticket written with SQL (status by name), its updated_at set `age` ago. */
async function ticket(
  database: Database,
  input: { customerId: string; status: string; age: string; subject?: string },
): Promise<{ id: string; number: number }> {
  const [row] = await database.query<{ id: string; number: number }>(
    `INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id, created_by_id,
                          created_at, updated_at)
     SELECT $1, 'printer on fire', (SELECT id FROM ticket_statuses WHERE name = $2),
            (SELECT id FROM ticket_priorities WHERE is_default), (SELECT id FROM departments ORDER BY created_at LIMIT 1),
            $3, $3, now() - $4::interval, now() - $4::interval
     RETURNING id, number::int AS number`,
    [input.subject ?? 'Printer problem', input.status, input.customerId, input.age],
  );
  if (!row) throw new Error('ticket not created');
  return row;
}

async function addChildren(database: Database, ticketId: string, userId: string) {
  const [msg] = await database.query<{ id: string }>(
    'INSERT INTO ticket_messages (ticket_id, author_id, body) VALUES ($1, $2, $3) RETURNING id',
    [ticketId, userId, 'Have you tried turning it off and on again?'],
  );
  await database.query(
    `INSERT INTO attachments (ticket_id, message_id, uploaded_by_id, file_name, mime_type, size_bytes, storage_key, sha256)
     VALUES ($1, $2, $3, 'log.txt', 'text/plain', 5, $4, 'abc')`,
    [ticketId, msg?.id, userId, `2026/01/${ticketId}`],
  );
  await database.query(
    "INSERT INTO ticket_history (ticket_id, actor_id, action, created_at) VALUES ($1, $2, 'created', now() - interval '2 years')",
    [ticketId, userId],
  );
  await database.query("INSERT INTO ticket_history (ticket_id, actor_id, action) VALUES ($1, $2, 'status_changed')", [
    ticketId,
    userId,
  ]);
}

const n = async (database: Database, text: string, params: unknown[] = []) =>
  (await database.query<{ n: number }>(text, params))[0]?.n ?? 0;

describe('maintenance', () => {
  const t = useTestApp();

  it('parses ages like the commands take them', () => {
    expect(parseAge('30d')).toBe('30 days');
    expect(parseAge('6m')).toBe('6 months');
    expect(parseAge('1y')).toBe('1 years');
    expect(parseAge('1 year')).toBe('1 year');
    expect(() => parseAge('soon')).toThrow(/not an age/);
  });

  it('deletes read notifications older than 30 days (dry run counts only)', async () => {
    const u = await factories(t.database).user();
    const insert = (isRead: boolean, age: string) =>
      t.database.query(
        `INSERT INTO notifications (user_id, type, title, is_read, created_at)
         VALUES ($1, 'agent_reply', 'Reply', $2, now() - $3::interval)`,
        [u.id, isRead, age],
      );
    await insert(true, '40 days');
    await insert(false, '40 days');
    await insert(true, '3 days');
    const count = () => n(t.database, 'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [u.id]);

    expect(await cleanNotifications(t.database, { dryRun: true })).toEqual({ dryRun: true, notifications: 1 });
    expect(await count()).toBe(3);
    expect(await cleanNotifications(t.database, { dryRun: false })).toEqual({ dryRun: false, notifications: 1 });
    expect(await count()).toBe(2);
  });

  it('archives closed tickets idle for 6 months with all their children, and brings one back', async () => {
    const f = factories(t.database);
    const customer = await f.user();
    const old = await ticket(t.database, {
      customerId: customer.id,
      status: 'Closed',
      age: '7 months',
      subject: 'Old toaster',
    });
    await addChildren(t.database, old.id, customer.id);
    const openOld = await ticket(t.database, { customerId: customer.id, status: 'Open', age: '7 months' });
    const closedRecent = await ticket(t.database, { customerId: customer.id, status: 'Resolved', age: '1 month' });

    const dry = await archiveTickets(t.database, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, tickets: 1, messages: 1, attachments: 1, history: 2 });
    expect(await n(t.database, 'SELECT count(*)::int AS n FROM tickets WHERE id = $1', [old.id])).toBe(1);

    const done = await archiveTickets(t.database, { dryRun: false });
    expect(done).toMatchObject({ dryRun: false, tickets: 1, messages: 1, attachments: 1, history: 2, skipped: [] });
    for (const [table, key] of [
      ['tickets', 'id'],
      ['ticket_messages', 'ticket_id'],
      ['attachments', 'ticket_id'],
      ['ticket_history', 'ticket_id'],
    ] as const) {
      expect(await n(t.database, `SELECT count(*)::int AS n FROM ${table} WHERE ${key} = $1`, [old.id])).toBe(0);
      expect(await n(t.database, `SELECT count(*)::int AS n FROM ${table}_archive WHERE ${key} = $1`, [old.id])).toBe(
        table === 'ticket_history' ? 2 : 1,
      );
    }
    for (const other of [openOld, closedRecent]) {
      expect(await n(t.database, 'SELECT count(*)::int AS n FROM tickets WHERE id = $1', [other.id])).toBe(1);
    }
    expect(await listArchived(t.database, { number: old.number })).toMatchObject([
      { number: old.number, subject: 'Old toaster' },
    ]);

    // The guide's raw SQL shares the table: its CREATE is a no-op and its INSERT … SELECT * fits.
    await t.database.db.transaction(async (tx) => {
      const { sql } = await import('drizzle-orm');
      await tx.execute(sql`CREATE TABLE IF NOT EXISTS tickets_archive AS SELECT * FROM tickets WHERE false`);
      await tx.execute(sql`INSERT INTO tickets_archive SELECT * FROM tickets WHERE false`);
    });

    const back = await unarchiveTicket(t.database, old.number);
    expect(back).toMatchObject({ found: true, messages: 1, attachments: 1, history: 2 });
    const [restored] = await t.database.query<{ number: number; matches: boolean }>(
      "SELECT number::int AS number, search_vector @@ to_tsquery('english', 'toaster') AS matches FROM tickets WHERE id = $1",
      [old.id],
    );
    expect(restored).toEqual({ number: old.number, matches: true });
    expect(await n(t.database, 'SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = $1', [old.id])).toBe(
      1,
    );
    expect(await n(t.database, 'SELECT count(*)::int AS n FROM tickets_archive WHERE id = $1', [old.id])).toBe(0);
    expect(await unarchiveTicket(t.database, old.number)).toMatchObject({ found: false });
  });

  it('leaves a ticket in place when a table it does not know still points at it', async () => {
    const customer = await factories(t.database).user();
    const tk = await ticket(t.database, { customerId: customer.id, status: 'Closed', age: '8 months' });
    await addChildren(t.database, tk.id, customer.id);
    await t.database.query('CREATE TABLE ticket_watchers_test (ticket_id uuid NOT NULL REFERENCES tickets(id))');
    await t.database.query('INSERT INTO ticket_watchers_test VALUES ($1)', [tk.id]);
    const s = await archiveTickets(t.database, { dryRun: false });
    expect(s.skipped).toContain(`#${tk.number}`);
    expect(await n(t.database, 'SELECT count(*)::int AS n FROM tickets WHERE id = $1', [tk.id])).toBe(1);
    expect(await n(t.database, 'SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = $1', [tk.id])).toBe(1);
    expect(
      await n(t.database, 'SELECT count(*)::int AS n FROM ticket_messages_archive WHERE ticket_id = $1', [tk.id]),
    ).toBe(0);
    await t.database.query('DROP TABLE ticket_watchers_test');
  });

  it('deletes ticket history older than the given age', async () => {
    const customer = await factories(t.database).user();
    const tk = await ticket(t.database, { customerId: customer.id, status: 'Open', age: '1 day' });
    await addChildren(t.database, tk.id, customer.id);
    const count = () => n(t.database, 'SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1', [tk.id]);
    const dry = await cleanHistory(t.database, { dryRun: true, olderThan: '1y' });
    expect(dry.history).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(2);
    await cleanHistory(t.database, { dryRun: false, olderThan: '1y' });
    expect(await count()).toBe(1);
  });

  it('sweeps upload files that no attachment names, after a grace period', async () => {
    const dir = t.config.uploadDir;
    mkdirSync(path.join(dir, '2026/01'), { recursive: true });
    const customer = await factories(t.database).user();
    const tk = await ticket(t.database, { customerId: customer.id, status: 'Open', age: '1 day' });
    await addChildren(t.database, tk.id, customer.id);
    const referenced = path.join(dir, `2026/01/${tk.id}`);
    const orphanOld = path.join(dir, '2026/01/orphan-old');
    const orphanNew = path.join(dir, '2026/01/orphan-new');
    for (const f of [referenced, orphanOld, orphanNew]) writeFileSync(f, 'bytes');
    const longAgo = new Date(Date.now() - 3 * 86_400_000);
    utimesSync(orphanOld, longAgo, longAgo);
    utimesSync(referenced, longAgo, longAgo);

    expect(await sweepUploads(t.database, t.config, { dryRun: true })).toMatchObject({ orphans: 1, bytes: 5 });
    expect(existsSync(orphanOld)).toBe(true);
    await sweepUploads(t.database, t.config, { dryRun: false });
    expect(existsSync(orphanOld)).toBe(false);
    expect(existsSync(orphanNew)).toBe(true);
    expect(existsSync(referenced)).toBe(true);
  });

  it('runs VACUUM ANALYZE', async () => {
    expect(await vacuumAnalyze(t.database, { dryRun: true })).toEqual({ dryRun: true, vacuumed: false });
    expect(await vacuumAnalyze(t.database, { dryRun: false })).toEqual({ dryRun: false, vacuumed: true });
  });
});
