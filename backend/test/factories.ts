import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { departmentMembers, departments, roles, sessions, users } from '../src/db/schema/index.js';
import { hashPassword } from '../src/lib/passwords.js';
import { hashToken, newToken } from '../src/lib/tokens.js';
import { SESSION_COOKIE } from '../src/modules/auth/session-cookie.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  roleName: string;
  /** `Cookie` header of a fresh session of this user. */
  cookie: string;
  /** Headers for app.inject: the session cookie plus a same-origin Origin. */
  headers: Record<string, string>;
}

/** Rows for tests, written straight to the database: each test makes what it needs. */
export function factories(database: Database) {
  const { db } = database;
  return {
    async roleId(name: string): Promise<string> {
      const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, name));
      if (!row) throw new Error(`no role ${name}`);
      return row.id;
    },

    async department(input: { name?: string; isActive?: boolean; autoAssign?: boolean } = {}) {
      const [row] = await db
        .insert(departments)
        .values({
          name: input.name ?? `Dept ${unique()}`,
          isActive: input.isActive ?? true,
          autoAssign: input.autoAssign,
        })
        .returning();
      if (!row) throw new Error('department not created');
      return row;
    },

    /** A user with a known password and a signed-in session. */
    async user(
      input: {
        role?: string;
        departments?: { id: string }[];
        email?: string;
        name?: string;
        password?: string;
        isActive?: boolean;
      } = {},
    ): Promise<TestUser> {
      const roleName = input.role ?? 'CUSTOMER';
      const password = input.password ?? `pw-${unique()}-long-enough`;
      const [row] = await db
        .insert(users)
        .values({
          email: input.email ?? `${roleName.toLowerCase()}-${unique()}@example.test`,
          name: input.name ?? `${roleName[0]}${roleName.slice(1).toLowerCase()} ${unique()}`,
          passwordHash: await hashPassword(password),
          roleId: await this.roleId(roleName),
          isActive: input.isActive ?? true,
        })
        .returning();
      if (!row) throw new Error('user not created');
      for (const dept of input.departments ?? []) {
        await db.insert(departmentMembers).values({ departmentId: dept.id, userId: row.id });
      }
      const cookie = await this.session(row.id);
      return {
        id: row.id,
        email: row.email,
        name: row.name,
        password,
        roleName,
        cookie,
        // app.inject sends Host: localhost:80; a same-origin browser request carries a matching Origin.
        headers: { cookie, origin: 'http://localhost:80' },
      };
    },

    /** A new session for the user; returns the Cookie header value. */
    async session(userId: string): Promise<string> {
      const token = newToken();
      await db.insert(sessions).values({
        userId,
        tokenHash: hashToken(token),
        expiresAt: sql`now() + interval '1 day'`,
      });
      return `${SESSION_COOKIE}=${token}`;
    },

    /**
     * A ticket written straight to the database (default status and priority unless named).
     * Use the API when the test is about creation itself.
     */
    async ticket(input: {
      customer: { id: string };
      department: { id: string };
      subject?: string;
      description?: string;
      status?: string;
      priority?: string;
      assignee?: { id: string } | null;
      createdAt?: Date;
    }): Promise<{ id: string; number: number; version: number }> {
      const result = await db.execute(sql`
        INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id,
          assigned_to_id, created_by_id, created_at, updated_at, closed_at)
        SELECT ${input.subject ?? `Ticket ${unique()}`}, ${input.description ?? 'Something is wrong.'},
          s.id, p.id, ${input.department.id}::uuid, ${input.customer.id}::uuid, ${input.assignee?.id ?? null}::uuid,
          ${input.customer.id}::uuid, coalesce(${input.createdAt?.toISOString() ?? null}::timestamptz, now()),
          coalesce(${input.createdAt?.toISOString() ?? null}::timestamptz, now()),
          CASE WHEN s.is_closed THEN now() END
        FROM (SELECT id, is_closed FROM ticket_statuses
              WHERE ${input.status ? sql`name = ${input.status}` : sql`is_default`} LIMIT 1) s,
             (SELECT id FROM ticket_priorities
              WHERE ${input.priority ? sql`name = ${input.priority}` : sql`is_default`} LIMIT 1) p
        RETURNING id, number::float8 AS number, version`);
      const row = (result as unknown as { rows: { id: string; number: number; version: number }[] }).rows[0];
      if (!row) throw new Error('ticket not created (unknown status or priority?)');
      return { id: row.id, number: Number(row.number), version: row.version };
    },

    /** A message on a ticket, written straight to the database. */
    async message(input: { ticket: { id: string }; author: { id: string }; body?: string; isInternal?: boolean }) {
      const result = await db.execute(sql`
        INSERT INTO ticket_messages (ticket_id, author_id, body, is_internal)
        VALUES (${input.ticket.id}::uuid, ${input.author.id}::uuid, ${input.body ?? 'A reply.'}, ${input.isInternal ?? false})
        RETURNING id`);
      const row = (result as unknown as { rows: { id: string }[] }).rows[0];
      if (!row) throw new Error('message not created');
      return row;
    },
  };
}
