import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { customFields, ticketFieldValues } from '../../db/schema/index.js';

export type FieldRow = typeof customFields.$inferSelect;
export type FieldInsert = typeof customFields.$inferInsert;
export type ValueRow = typeof ticketFieldValues.$inferSelect;
/** The typed columns of one value; all null is "no value". */
export type TypedValue = Pick<ValueRow, 'valueText' | 'valueNumber' | 'valueDate' | 'valueBool' | 'valueOptions'>;

export async function listFields(db: DbOrTx, opts: { includeArchived: boolean }): Promise<FieldRow[]> {
  return db
    .select()
    .from(customFields)
    .where(opts.includeArchived ? undefined : isNull(customFields.archivedAt))
    .orderBy(asc(customFields.sortOrder), asc(customFields.createdAt));
}

export async function findField(db: DbOrTx, id: string): Promise<FieldRow | undefined> {
  const [row] = await db.select().from(customFields).where(eq(customFields.id, id));
  return row;
}

export async function findFieldByKey(db: DbOrTx, key: string): Promise<FieldRow | undefined> {
  const [row] = await db.select().from(customFields).where(eq(customFields.key, key));
  return row;
}

export async function insertField(db: DbOrTx, values: FieldInsert): Promise<FieldRow> {
  const [row] = await db
    .insert(customFields)
    .values({
      ...values,
      // New fields go last.
      sortOrder: sql`(SELECT coalesce(max(sort_order) + 1, 0) FROM custom_fields)`,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateField(db: DbOrTx, id: string, set: Partial<FieldInsert>): Promise<FieldRow | undefined> {
  const [row] = await db
    .update(customFields)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(customFields.id, id))
    .returning();
  return row;
}

export async function setSortOrder(db: DbOrTx, ids: string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await db.update(customFields).set({ sortOrder: i }).where(eq(customFields.id, id));
  }
}

export async function valuesOfTicket(db: DbOrTx, ticketId: string): Promise<ValueRow[]> {
  return db.select().from(ticketFieldValues).where(eq(ticketFieldValues.ticketId, ticketId));
}

/**
 * Values of several tickets, only of those `scope` (a condition over `t`, the tickets module's
 * ticketScopeSql) lets the caller see. Reads `tickets` by name for the scope only.
 */
export async function valuesOfTickets(db: DbOrTx, ticketIds: string[], scope: SQL): Promise<ValueRow[]> {
  const ids = sql.join(
    ticketIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return queryRows<ValueRow>(
    db,
    sql`SELECT v.ticket_id AS "ticketId", v.field_id AS "fieldId", v.value_text AS "valueText",
      v.value_number::text AS "valueNumber", v.value_date::text AS "valueDate", v.value_bool AS "valueBool",
      v.value_options::text[] AS "valueOptions"
    FROM ticket_field_values v JOIN tickets t ON t.id = v.ticket_id
    WHERE v.ticket_id IN (${ids}) AND ${scope}`,
  );
}

export async function upsertValue(db: DbOrTx, ticketId: string, fieldId: string, value: TypedValue): Promise<void> {
  await db
    .insert(ticketFieldValues)
    .values({ ticketId, fieldId, ...value })
    .onConflictDoUpdate({
      target: [ticketFieldValues.ticketId, ticketFieldValues.fieldId],
      set: { ...value, updatedAt: sql`now()` },
    });
}

export async function deleteValues(db: DbOrTx, ticketId: string, fieldIds: string[]): Promise<void> {
  if (fieldIds.length === 0) return;
  await db
    .delete(ticketFieldValues)
    .where(and(eq(ticketFieldValues.ticketId, ticketId), inArray(ticketFieldValues.fieldId, fieldIds)));
}

export async function deleteAllValuesOfTicket(db: DbOrTx, ticketId: string): Promise<void> {
  await db.delete(ticketFieldValues).where(eq(ticketFieldValues.ticketId, ticketId));
}

/**
 * How many values match `condition` (over `v`), counting no further than `atMost`. Counted rather
 * than estimated: the planner's figure for an option of the GIN-indexed `value_options` was 6,000
 * for one that 2,007 tickets have (1,000,000 tickets), which sent it down the wrong path.
 */
export async function countMatchingValues(db: DbOrTx, condition: SQL, atMost: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ticket_field_values v WHERE ${condition} LIMIT ${atMost}) m`,
  );
  return row?.n ?? 0;
}
