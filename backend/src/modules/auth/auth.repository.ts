import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.js';

export interface ActorRow {
  sessionId: string | null;
  lastSeenAt: Date | null;
  expiresAt: Date | null;
  id: string;
  email: string;
  name: string;
  roleId: string;
  roleName: string;
  permissions: string[];
  departmentIds: string[];
  sharedOrganisationId: string | null;
  twoFactorEnabled: boolean;
  /** The `requireTwoFactorForStaff` setting, cached with the session (migration 0007 announces changes). */
  staffTwoFactorRequired: boolean;
}

const actorColumns = sql`u.id, u.email, u.name, u.role_id AS "roleId", r.name AS "roleName", r.permissions,
  coalesce((SELECT array_agg(dm.department_id::text) FROM department_members dm WHERE dm.user_id = u.id), '{}') AS "departmentIds",
  (SELECT om.organisation_id::text FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
    WHERE om.user_id = u.id AND o.members_see_tickets) AS "sharedOrganisationId",
  EXISTS (SELECT 1 FROM user_two_factor tf WHERE tf.user_id = u.id AND tf.enabled_at IS NOT NULL) AS "twoFactorEnabled",
  coalesce((SELECT st.value = 'true'::jsonb FROM settings st WHERE st.key = 'requireTwoFactorForStaff'), false)
    AS "staffTwoFactorRequired"`;

/** The active user behind a live session (not revoked, not expired, not idle too long). */
export async function findSessionActor(
  db: DbOrTx,
  tokenHash: string,
  idleMinutes: number,
): Promise<ActorRow | undefined> {
  const rows = await queryRows<Omit<ActorRow, 'lastSeenAt' | 'expiresAt'> & { lastSeenAt: string; expiresAt: string }>(
    db,
    sql`
    SELECT s.id AS "sessionId", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", ${actorColumns}
    FROM sessions s JOIN users u ON u.id = s.user_id JOIN roles r ON r.id = u.role_id
    WHERE s.token_hash = ${tokenHash} AND s.revoked_at IS NULL AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => ${idleMinutes}) AND u.is_active`,
    { prepared: 'session_actor' },
  );
  const row = rows[0];
  // Raw SQL answers timestamps as text; parsed once here, not on every cached use of the session.
  return row && { ...row, lastSeenAt: new Date(row.lastSeenAt), expiresAt: new Date(row.expiresAt) };
}

/** The active user behind a live API token; records its use. */
export async function findTokenActor(db: DbOrTx, tokenHash: string): Promise<ActorRow | undefined> {
  const rows = await queryRows<ActorRow>(
    db,
    sql`
    UPDATE api_tokens t SET last_used_at = now()
    FROM users u JOIN roles r ON r.id = u.role_id
    WHERE t.token_hash = ${tokenHash} AND t.user_id = u.id AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.is_active
    RETURNING NULL AS "sessionId", NULL AS "lastSeenAt", NULL AS "expiresAt", ${actorColumns}`,
  );
  return rows[0];
}

/** Idle expiry counts from last_seen_at; written at most once a minute per session. */
export async function touchSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.execute(sql`UPDATE sessions SET last_seen_at = now() WHERE id = ${sessionId}`);
}

/** An active user judged as if signed in (mail recipients), by id or by e-mail address. */
export async function findUserActor(
  db: DbOrTx,
  by: { id: string } | { email: string },
): Promise<(ActorRow & { locale: string | null }) | undefined> {
  const where = 'id' in by ? sql`u.id = ${by.id}::uuid` : sql`lower(u.email) = lower(${by.email})`;
  const rows = await queryRows<ActorRow & { locale: string | null }>(
    db,
    sql`SELECT NULL AS "sessionId", NULL AS "lastSeenAt", NULL AS "expiresAt", ${actorColumns}, u.locale
        FROM users u JOIN roles r ON r.id = u.role_id WHERE ${where} AND u.is_active`,
  );
  return rows[0];
}
