import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoDir } from '../src/config.js';
import { factories } from './factories.js';
import { type CliTarget, createCliTarget, runCli } from './operations-helpers.js';
import { testDatabaseUrl } from './test-database.js';

/** The fenced code blocks of docs/OPERATIONS.md with their language. */
function codeBlocks(markdown: string): { lang: string; body: string }[] {
  const blocks: { lang: string; body: string }[] = [];
  const re = /^```(\w*)\n([\s\S]*?)^```/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) blocks.push({ lang: m[1] ?? '', body: m[2] ?? '' });
  return blocks;
}

const doc = readFileSync(path.join(repoDir, 'docs/OPERATIONS.md'), 'utf8');
const blocks = codeBlocks(doc);

/** Every `psql "$DATABASE_URL" -c "…"` of the bash blocks and every statement of the sql blocks. */
export function documentedSql(): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.lang === 'sql') {
      out.push(
        ...b.body
          .split(';')
          .map((s) => s.replace(/--.*$/gm, '').trim())
          .filter(Boolean),
      );
    }
    if (b.lang === 'bash') {
      for (const m of b.body.matchAll(/psql "\$DATABASE_URL" -c "([^"]*)"/g)) out.push((m[1] as string).trim());
    }
  }
  return out;
}

/** Every `npm run helpdesk -- …` line of the bash blocks, without its trailing comment. */
export function documentedCommands(): string[] {
  const out: string[] = [];
  for (const b of blocks.filter((x) => x.lang === 'bash')) {
    for (const line of b.body.split('\n')) {
      const m = /^npm run helpdesk -- (.+?)\s*(#.*)?$/.exec(line.trim());
      if (m) out.push(m[1] as string);
    }
  }
  return out;
}

function psql(url: string, sqlText: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('psql', [url, '-X', '-v', 'ON_ERROR_STOP=1', '-c', sqlText], (err, stdout, stderr) =>
      resolve({ code: err ? 1 : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!testDatabaseUrl)(
  'docs/OPERATIONS.md against a migrated PostgreSQL database',
  { timeout: 300_000 },
  () => {
    let target: CliTarget;
    let ticketNumber = 0;

    beforeAll(async () => {
      target = await createCliTarget();
      await target.withDb(async (db) => {
        const f = factories(db);
        const customer = await f.user({ email: 'user@example.com' });
        await f.user({ role: 'ADMIN', email: 'admin@example.com' });
        const [t] = await db.query<{ number: number }>(
          `INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id, created_by_id,
                              created_at, updated_at)
         SELECT 'Old printer', 'It jammed', (SELECT id FROM ticket_statuses WHERE name = 'Closed'),
                (SELECT id FROM ticket_priorities WHERE is_default), (SELECT id FROM departments LIMIT 1),
                $1, $1, now() - interval '8 months', now() - interval '7 months'
         RETURNING number::int AS number`,
          [customer.id],
        );
        ticketNumber = t?.number ?? 0;
        await db.query(
          `INSERT INTO notifications (user_id, type, title, is_read, created_at)
         VALUES ($1, 'agent_reply', 'Old', true, now() - interval '40 days')`,
          [customer.id],
        );
      });
    }, 180_000);
    afterAll(async () => {
      await target?.close();
    });

    it("lists the guide's queries", () => {
      const sqlText = documentedSql().join('\n');
      for (const fragment of [
        'pg_total_relation_size',
        'SELECT count(*) FROM pg_stat_activity',
        "interval '5 minutes'",
        'pg_locks WHERE NOT granted',
        'r.permissions',
        "r.name IN ('ADMIN', 'SUPER_ADMIN')",
        'DELETE FROM notifications',
        'DELETE FROM ticket_history',
        'pg_terminate_backend',
        'VACUUM ANALYZE',
        'EXPLAIN ANALYZE',
      ]) {
        expect(sqlText).toContain(fragment);
      }
      expect(documentedCommands().length).toBeGreaterThan(15);
    });

    it('every documented SQL statement runs', async () => {
      const url = target.env.DATABASE_URL as string;
      const failures: string[] = [];
      for (const statement of documentedSql()) {
        const res = await psql(url, statement);
        if (res.code !== 0) failures.push(`${statement}\n  → ${res.stderr.trim()}`);
      }
      expect(failures).toEqual([]);
    });

    it('every documented helpdesk command works', async () => {
      const backups = path.join(target.tmp, 'backups');
      const failures: string[] = [];
      for (const command of documentedCommands()) {
        const newest = () =>
          (existsSync(backups) ? readdirSync(backups) : [])
            .filter((n) => n.endsWith('.tar.gz'))
            .sort()
            .at(-1) ?? 'none';
        const args = command
          .replaceAll('/var/backups/helpdesk', backups)
          .split(/\s+/)
          .map((a) => (a.includes('helpdesk-backup-20260111-020000.tar.gz') ? path.join(backups, newest()) : a))
          .map((a) => (a === '1001' ? String(ticketNumber) : a));
        const res = await runCli(args, target.env);
        // Restoring without --force onto this (non-empty) database is refused, as documented.
        const refusedAsDocumented =
          args[0] === 'restore' &&
          !args.includes('--force') &&
          res.code === 1 &&
          res.stderr.includes('Refusing to restore');
        if (res.code !== 0 && !refusedAsDocumented) failures.push(`${command}\n  → ${res.stderr.trim()}`);
      }
      expect(failures).toEqual([]);
      const archived = await target.withDb((db) =>
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE number = $1', [ticketNumber]),
      );
      expect(archived[0]?.n).toBe(1); // archived, then brought back by `unarchive`
    });
  },
);
