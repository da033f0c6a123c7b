import { and, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { satisfactionRatings } from '../../db/schema/index.js';
import { hashToken, newToken } from '../../lib/tokens.js';

export type RatingRow = typeof satisfactionRatings.$inferSelect;
type NewRequest = Pick<
  typeof satisfactionRatings.$inferInsert,
  | 'ticketId'
  | 'ticketNumber'
  | 'customerId'
  | 'departmentId'
  | 'agentId'
  | 'requestedAt'
  | 'tokenHash'
  | 'tokenExpiresAt'
>;

/** A new link token and the hash that is stored of it. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = newToken();
  return { token, tokenHash: hashToken(token) };
}

export async function retireCurrent(tx: DbOrTx, ticketId: string): Promise<void> {
  await tx
    .update(satisfactionRatings)
    .set({ isCurrent: false })
    .where(and(eq(satisfactionRatings.ticketId, ticketId), eq(satisfactionRatings.isCurrent, true)));
}

export async function insertRequest(tx: DbOrTx, row: NewRequest): Promise<void> {
  await tx.insert(satisfactionRatings).values(row);
}

/** The ticket's ratings, newest resolution first. */
export function listForTicket(db: DbOrTx, ticketId: string): Promise<RatingRow[]> {
  return db
    .select()
    .from(satisfactionRatings)
    .where(eq(satisfactionRatings.ticketId, ticketId))
    .orderBy(desc(satisfactionRatings.requestedAt));
}

/** The current request of a ticket, locked for a write. */
export async function lockCurrent(tx: DbOrTx, ticketId: string): Promise<RatingRow | undefined> {
  const [row] = await tx
    .select()
    .from(satisfactionRatings)
    .where(and(eq(satisfactionRatings.ticketId, ticketId), eq(satisfactionRatings.isCurrent, true)))
    .for('update');
  return row;
}

export async function findByTokenHash(db: DbOrTx, tokenHash: string, opts: { forUpdate?: boolean } = {}) {
  const query = db.select().from(satisfactionRatings).where(eq(satisfactionRatings.tokenHash, tokenHash));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateRequest(
  tx: DbOrTx,
  id: string,
  set: Partial<
    Pick<RatingRow, 'rating' | 'comment' | 'ratedAt' | 'changedAt' | 'tokenHash' | 'tokenExpiresAt' | 'tokenUsedAt'>
  >,
): Promise<RatingRow> {
  const [row] = await tx.update(satisfactionRatings).set(set).where(eq(satisfactionRatings.id, id)).returning();
  if (!row) throw new Error(`satisfaction rating ${id} vanished`);
  return row;
}

/** Ratings given in [since, now] in the departments the reader sees (null: all). */
const givenIn = (departmentIds: readonly string[] | null, since: Date, now: Date) =>
  and(
    gte(satisfactionRatings.ratedAt, since),
    lte(satisfactionRatings.ratedAt, now),
    departmentIds === null ? undefined : inArray(satisfactionRatings.departmentId, [...departmentIds]),
  );

/** Ratings given in [since30, now], counted per department and agent, for both windows. */
export function countsSince(
  db: DbOrTx,
  departmentIds: readonly string[] | null,
  since7: Date,
  since30: Date,
  now: Date,
) {
  const r = satisfactionRatings;
  const recent = sql`${r.ratedAt} >= ${since7.toISOString()}::timestamptz`;
  return db
    .select({
      departmentId: r.departmentId,
      agentId: r.agentId,
      good7: sql<number>`(count(*) FILTER (WHERE ${r.rating} = 'good' AND ${recent}))::int`,
      bad7: sql<number>`(count(*) FILTER (WHERE ${r.rating} = 'bad' AND ${recent}))::int`,
      good30: sql<number>`(count(*) FILTER (WHERE ${r.rating} = 'good'))::int`,
      bad30: sql<number>`(count(*) FILTER (WHERE ${r.rating} = 'bad'))::int`,
    })
    .from(r)
    .where(givenIn(departmentIds, since30, now))
    .groupBy(r.departmentId, r.agentId);
}

/** The latest ratings with a comment given in [since, now]. */
export function latestComments(
  db: DbOrTx,
  departmentIds: readonly string[] | null,
  since: Date,
  now: Date,
  limit: number,
) {
  const r = satisfactionRatings;
  return db
    .select()
    .from(r)
    .where(and(givenIn(departmentIds, since, now), isNotNull(r.comment)))
    .orderBy(desc(r.ratedAt))
    .limit(limit);
}
