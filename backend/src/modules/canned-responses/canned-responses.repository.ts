import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { cannedResponseFiles, cannedResponses } from '../../db/schema/index.js';
import { containsPattern } from '../../lib/like-pattern.js';

export type CannedRow = typeof cannedResponses.$inferSelect;
export type NewCannedRow = typeof cannedResponses.$inferInsert;
export type CannedFileRow = typeof cannedResponseFiles.$inferSelect;

const t = cannedResponses;

/** Most used first, then the most recently used, then by title. */
const byUsage = [desc(t.usageCount), sql`${t.lastUsedAt} DESC NULLS LAST`, asc(t.title), asc(t.id)];

function matching(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const like = containsPattern(q);
  return sql`(${t.title} ILIKE ${like} OR ${t.body} ILIKE ${like})`;
}

export async function findCanned(db: DbOrTx, id: string): Promise<CannedRow | undefined> {
  const [row] = await db.select().from(t).where(eq(t.id, id));
  return row;
}

/** Every shared response, or one user's personal ones. */
export function listByScope(db: DbOrTx, filter: { ownerId?: string; q?: string }): Promise<CannedRow[]> {
  const scope = filter.ownerId ? and(eq(t.scope, 'personal'), eq(t.ownerId, filter.ownerId)) : eq(t.scope, 'shared');
  return db
    .select()
    .from(t)
    .where(and(scope, matching(filter.q)))
    .orderBy(...byUsage);
}

/** The user's own, the shared ones for every department and those of `departmentId`. */
export function listOffered(
  db: DbOrTx,
  filter: { ownerId: string; departmentId: string; q?: string; limit: number },
): Promise<CannedRow[]> {
  const offered = or(
    and(eq(t.scope, 'personal'), eq(t.ownerId, filter.ownerId)),
    and(eq(t.scope, 'shared'), or(isNull(t.departmentId), eq(t.departmentId, filter.departmentId))),
  );
  return db
    .select()
    .from(t)
    .where(and(offered, matching(filter.q)))
    .orderBy(...byUsage)
    .limit(filter.limit);
}

export async function insertCanned(db: DbOrTx, values: NewCannedRow): Promise<CannedRow> {
  const [row] = await db.insert(t).values(values).returning();
  if (!row) throw new Error('canned response not inserted');
  return row;
}

export async function updateCanned(
  db: DbOrTx,
  id: string,
  values: Partial<Pick<NewCannedRow, 'title' | 'body' | 'departmentId' | 'actions'>>,
): Promise<CannedRow | undefined> {
  const [row] = await db
    .update(t)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(t.id, id))
    .returning();
  return row;
}

export async function deleteCanned(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(t).where(eq(t.id, id)).returning({ id: t.id });
  return rows.length > 0;
}

export async function countUse(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(t)
    .set({ usageCount: sql`${t.usageCount} + 1`, lastUsedAt: sql`now()` })
    .where(eq(t.id, id));
}

// --- files ---

const f = cannedResponseFiles;

export function listFiles(db: DbOrTx, responseIds: string[]): Promise<CannedFileRow[]> {
  if (responseIds.length === 0) return Promise.resolve([]);
  return db.select().from(f).where(inArray(f.responseId, responseIds)).orderBy(asc(f.createdAt), asc(f.id));
}

export async function countFiles(db: DbOrTx, responseId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(f).where(eq(f.responseId, responseId));
  return row?.n ?? 0;
}

export async function insertFiles(db: DbOrTx, rows: (typeof f.$inferInsert)[]): Promise<CannedFileRow[]> {
  if (rows.length === 0) return [];
  return db.insert(f).values(rows).returning();
}

export async function findFile(db: DbOrTx, responseId: string, fileId: string): Promise<CannedFileRow | undefined> {
  const [row] = await db
    .select()
    .from(f)
    .where(and(eq(f.id, fileId), eq(f.responseId, responseId)));
  return row;
}

export async function deleteFile(db: DbOrTx, fileId: string): Promise<void> {
  await db.delete(f).where(eq(f.id, fileId));
}

/** Every stored file of responses, for the uploads check; of one response when `responseId` is given. */
export function fileStorageRows(
  db: DbOrTx,
  responseId?: string,
): Promise<{ id: string; storageKey: string; sha256: string; sizeBytes: number }[]> {
  return db
    .select({ id: f.id, storageKey: f.storageKey, sha256: f.sha256, sizeBytes: f.sizeBytes })
    .from(f)
    .where(responseId ? eq(f.responseId, responseId) : undefined);
}
