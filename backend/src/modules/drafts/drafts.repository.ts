import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { drafts } from '../../db/schema/index.js';

/** Whose draft: a user's, on a ticket (or none: a new ticket), of a kind. */
export interface DraftKey {
  userId: string;
  ticketId: string | null;
  kind: string;
}

const where = (key: DraftKey) =>
  and(
    eq(drafts.userId, key.userId),
    key.ticketId ? eq(drafts.ticketId, key.ticketId) : isNull(drafts.ticketId),
    eq(drafts.kind, key.kind),
  );

export async function find(db: DbOrTx, key: DraftKey) {
  const [row] = await db
    .select({ body: drafts.body, subject: drafts.subject, updatedAt: drafts.updatedAt })
    .from(drafts)
    .where(where(key));
  return row;
}

/** Saves the draft (one per key: the unique constraint treats a missing ticket as one value). */
export async function save(db: DbOrTx, key: DraftKey, text: { body: string; subject: string | null }, at: Date) {
  const [row] = await db
    .insert(drafts)
    .values({ ...key, ...text, updatedAt: at })
    .onConflictDoUpdate({ target: [drafts.userId, drafts.ticketId, drafts.kind], set: { ...text, updatedAt: at } })
    .returning({ body: drafts.body, subject: drafts.subject, updatedAt: drafts.updatedAt });
  if (!row) throw new Error('draft not saved');
  return row;
}

export async function remove(db: DbOrTx, key: DraftKey) {
  await db.delete(drafts).where(where(key));
}
