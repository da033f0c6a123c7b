import { and, asc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { customerNotes, organisationMembers, organisations } from '../../db/schema/index.js';

export type OrganisationRow = typeof organisations.$inferSelect;

/** A customer as the staff list shows them (users and roles read by name: decision 007). */
export interface CustomerRow {
  id: string;
  name: string;
  email: string;
  isActive: boolean;
  createdAt: string | Date;
  organisationId: string | null;
  organisationName: string | null;
}

const customerColumns = sql`u.id, u.name, u.email, u.is_active AS "isActive", u.created_at AS "createdAt",
  o.id AS "organisationId", o.name AS "organisationName"`;
const customerFrom = sql`users u JOIN roles r ON r.id = u.role_id
  LEFT JOIN organisation_members om ON om.user_id = u.id
  LEFT JOIN organisations o ON o.id = om.organisation_id`;
/** Customers are the users of the built-in CUSTOMER role (auth/actor.ts isCustomer). */
const isCustomerRole = sql`r.name = 'CUSTOMER'`;

/** One keyset page of customers by name, then id; `after` is the last row of the previous page. */
export async function listCustomers(
  db: DbOrTx,
  f: { q?: string; organisationId?: string; limit: number; after?: readonly [string, string] },
): Promise<CustomerRow[]> {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return queryRows<CustomerRow>(
    db,
    sql`SELECT ${customerColumns} FROM ${customerFrom}
    WHERE ${isCustomerRole}
      ${like ? sql`AND (u.name ILIKE ${like} OR u.email ILIKE ${like})` : sql``}
      ${f.organisationId ? sql`AND om.organisation_id = ${f.organisationId}::uuid` : sql``}
      ${f.after ? sql`AND (u.name, u.id) > (${f.after[0]}, ${f.after[1]}::uuid)` : sql``}
    ORDER BY u.name, u.id
    LIMIT ${f.limit}`,
  );
}

/** A user with whether they are a customer (undefined when there is no such user). */
export async function findPerson(db: DbOrTx, id: string): Promise<(CustomerRow & { isCustomer: boolean }) | undefined> {
  const [row] = await queryRows<CustomerRow & { isCustomer: boolean }>(
    db,
    sql`SELECT ${customerColumns}, ${isCustomerRole} AS "isCustomer" FROM ${customerFrom} WHERE u.id = ${id}::uuid`,
  );
  return row;
}

export interface NoteRow {
  body: string;
  updatedAt: string | Date;
  updatedById: string | null;
  updatedByName: string | null;
}

export async function findNote(db: DbOrTx, customerId: string): Promise<NoteRow | undefined> {
  const [row] = await queryRows<NoteRow>(
    db,
    sql`SELECT n.body, n.updated_at AS "updatedAt", n.updated_by_id AS "updatedById", u.name AS "updatedByName"
    FROM customer_notes n LEFT JOIN users u ON u.id = n.updated_by_id WHERE n.customer_id = ${customerId}::uuid`,
  );
  return row;
}

export async function saveNote(db: DbOrTx, customerId: string, body: string, actorId: string): Promise<void> {
  await db
    .insert(customerNotes)
    .values({ customerId, body, updatedById: actorId })
    .onConflictDoUpdate({
      target: customerNotes.customerId,
      set: { body, updatedById: actorId, updatedAt: sql`now()` },
    });
}

// --- organisations ---

export type OrganisationWithCount = OrganisationRow & { memberCount: number };

const memberCount = sql<number>`(SELECT count(*)::int FROM organisation_members om WHERE om.organisation_id = "organisations"."id")`;

export async function listOrganisations(db: DbOrTx): Promise<OrganisationWithCount[]> {
  const rows = await db
    .select({ org: organisations, memberCount })
    .from(organisations)
    .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id));
  return rows.map((r) => ({ ...r.org, memberCount: r.memberCount }));
}

export async function findOrganisation(db: DbOrTx, id: string): Promise<OrganisationWithCount | undefined> {
  const [row] = await db
    .select({ org: organisations, memberCount })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row && { ...row.org, memberCount: row.memberCount };
}

export async function insertOrganisation(db: DbOrTx, values: typeof organisations.$inferInsert): Promise<string> {
  const [row] = await db.insert(organisations).values(values).returning({ id: organisations.id });
  if (!row) throw new Error('organisation not inserted');
  return row.id;
}

export async function updateOrganisation(
  db: DbOrTx,
  id: string,
  values: Partial<typeof organisations.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(organisations)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(organisations.id, id))
    .returning({ id: organisations.id });
  return rows.length > 0;
}

export async function deleteOrganisation(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(organisations).where(eq(organisations.id, id)).returning({ id: organisations.id });
  return rows.length > 0;
}

/** Puts the user into the organisation, out of any other (one organisation per customer). */
export async function setMembership(db: DbOrTx, userId: string, organisationId: string): Promise<void> {
  await db
    .insert(organisationMembers)
    .values({ userId, organisationId })
    .onConflictDoUpdate({ target: organisationMembers.userId, set: { organisationId, createdAt: sql`now()` } });
}

export async function removeMembership(db: DbOrTx, userId: string, organisationId: string): Promise<boolean> {
  const rows = await db
    .delete(organisationMembers)
    .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, organisationId)))
    .returning({ userId: organisationMembers.userId });
  return rows.length > 0;
}

/** The organisation (if any) whose domains include this e-mail's domain. */
export async function findOrganisationByDomain(db: DbOrTx, domain: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`${domain} = ANY(${organisations.domains})`)
    .orderBy(asc(organisations.createdAt))
    .limit(1);
  return row?.id;
}
