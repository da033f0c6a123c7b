import type { AuditEntry, ListAuditQuery } from '@helpdesk/contract';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-deps.js';
import { type DbOrTx, queryRows } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { cursorKey, decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { iso } from '../../lib/timestamps.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { canViewAudit } from './audit.policy.js';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records one admin change. Call it inside the transaction of the change itself, so the
 * change and its record are written together or not at all.
 */
export async function recordAudit(tx: DbOrTx, actorId: string | null, input: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
  });
}

interface AuditRow {
  id: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date | string;
}

/** Newest first, keyset pages on (created_at, id). */
async function listAudit(
  db: DbOrTx,
  actor: Actor,
  query: ListAuditQuery,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  requireAllowed(actor, canViewAudit);
  const conditions = [sql`true`];
  if (query.entityType) conditions.push(sql`a.entity_type = ${query.entityType}`);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, [cursorKey.timestamp, cursorKey.uuid]);
    conditions.push(sql`(a.created_at, a.id) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await queryRows<AuditRow>(
    db,
    sql`SELECT a.id, a.actor_id AS "actorId", u.name AS "actorName", u.email AS "actorEmail", a.action,
      a.entity_type AS "entityType", a.entity_id AS "entityId", a.before, a.after,
      to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"
    FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY a.created_at DESC NULLS LAST, a.id DESC NULLS LAST LIMIT ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      actor:
        r.actorId && r.actorName && r.actorEmail ? { id: r.actorId, name: r.actorName, email: r.actorEmail } : null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before ?? null,
      after: r.after ?? null,
      createdAt: iso(r.createdAt),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([String(last.createdAt), last.id]) : null,
  };
}

/** The audit log's use cases, actor first (docs/decisions/007-module-rules.md). */
export function createAuditService({ database }: Pick<AppDeps, 'database'>) {
  return {
    list: (actor: Actor, query: ListAuditQuery) => listAudit(database.db, actor, query),
  };
}
