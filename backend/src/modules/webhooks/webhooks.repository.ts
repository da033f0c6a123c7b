import { sql } from 'drizzle-orm';
import { wakeEventWorkers } from '../../db/change-feed.js';
import { type DbOrTx, queryRows } from '../../db/client.js';

export interface EndpointRow {
  id: string;
  name: string;
  url: string;
  secret: string;
  events: string[];
  departmentId: string | null;
  includeInternal: boolean;
  active: boolean;
  failuresInRow: number;
  disabledReason: string | null;
  createdAt: Date | string;
  pending: number;
  failed: number;
}

export interface DeliveryRow {
  id: string;
  endpointId: string;
  eventId: number;
  eventType: string;
  payload: unknown;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date | string;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | string | null;
  createdAt: Date | string;
}

const endpointColumns = sql`e.id, e.name, e.url, e.secret, e.events, e.department_id AS "departmentId",
  e.include_internal AS "includeInternal", e.active, e.failures_in_row AS "failuresInRow",
  e.disabled_reason AS "disabledReason", e.created_at AS "createdAt"`;

const deliveryColumns = sql`d.id, d.endpoint_id AS "endpointId", d.event_id::float8 AS "eventId", d.event_type AS "eventType",
  d.payload, d.state, d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_status AS "lastStatus",
  d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"`;

const toDelivery = <T extends DeliveryRow>(r: T): T => ({ ...r, eventId: Number(r.eventId) });

const textArray = (items: readonly string[]) =>
  items.length
    ? sql`ARRAY[${sql.join(
        items.map((i) => sql`${i}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;

/** Endpoints with their pending and failed counts, oldest first; one by id when given. */
export async function listEndpoints(db: DbOrTx, id?: string): Promise<EndpointRow[]> {
  return queryRows<EndpointRow>(
    db,
    sql`SELECT ${endpointColumns},
          (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = 'pending') AS pending,
          (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = 'failed') AS failed
        FROM webhook_endpoints e ${id ? sql`WHERE e.id = ${id}::uuid` : sql``} ORDER BY e.created_at, e.id`,
  );
}

/** Active endpoints subscribed to this event type (the consumer's fan-out). */
export async function subscribers(db: DbOrTx, eventType: string): Promise<EndpointRow[]> {
  return queryRows<EndpointRow>(
    db,
    sql`SELECT ${endpointColumns}, 0 AS pending, 0 AS failed FROM webhook_endpoints e
        WHERE e.active AND ${eventType} = ANY(e.events)`,
  );
}

/** Every event type at least one active endpoint subscribes to. */
export async function subscribedTypes(db: DbOrTx): Promise<Set<string>> {
  const rows = await queryRows<{ type: string }>(
    db,
    sql`SELECT DISTINCT unnest(e.events) AS type FROM webhook_endpoints e WHERE e.active`,
  );
  return new Set(rows.map((r) => r.type));
}

export interface EndpointInput {
  name: string;
  url: string;
  events: readonly string[];
  departmentId: string | null;
  includeInternal: boolean;
  active: boolean;
}

export async function insertEndpoint(db: DbOrTx, input: EndpointInput, secret: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO webhook_endpoints (name, url, secret, events, department_id, include_internal, active)
        VALUES (${input.name}, ${input.url}, ${secret}, ${textArray(input.events)}, ${input.departmentId}::uuid,
          ${input.includeInternal}, ${input.active}) RETURNING id`,
  );
  return (row as { id: string }).id;
}

/** Saves the endpoint; switching it on again clears the failure count and the reason it was off. */
export async function updateEndpoint(db: DbOrTx, id: string, input: EndpointInput): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE webhook_endpoints SET name = ${input.name}, url = ${input.url}, events = ${textArray(input.events)},
          department_id = ${input.departmentId}::uuid, include_internal = ${input.includeInternal},
          failures_in_row = CASE WHEN ${input.active} AND NOT active THEN 0 ELSE failures_in_row END,
          disabled_reason = CASE WHEN ${input.active} THEN NULL ELSE disabled_reason END,
          active = ${input.active}, updated_at = now()
        WHERE id = ${id}::uuid RETURNING id`,
  );
  return rows.length > 0;
}

export async function deleteEndpoint(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`DELETE FROM webhook_endpoints WHERE id = ${id}::uuid RETURNING id`,
  );
  return rows.length > 0;
}

/** Queues deliveries in the consumer's transaction (once per endpoint and event); wakes the sender at commit. */
export async function insertDeliveries(
  tx: DbOrTx,
  rows: readonly { endpointId: string; eventId: number; eventType: string; payload: unknown }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.endpointId}::uuid, ${r.eventId}, ${r.eventType}, ${JSON.stringify(r.payload)}::jsonb)`),
    sql`, `,
  );
  await tx.execute(sql`INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload) VALUES ${values}
    ON CONFLICT (endpoint_id, event_id) DO NOTHING`);
  await tx.execute(wakeEventWorkers());
}

/**
 * Claims the next due delivery of an active endpoint, with the endpoint's URL and secret: the
 * attempt is counted and the row is leased until `leaseUntil` in one short statement (SKIP LOCKED
 * against a concurrent claim), so the post happens outside any transaction and no other sender
 * takes the row meanwhile. A sender that dies mid-post leaves the lease to run out: the delivery
 * is then due again, with the same id.
 */
export async function claimDue(
  db: DbOrTx,
  now: Date,
  leaseUntil: Date,
): Promise<(DeliveryRow & { url: string; secret: string }) | undefined> {
  const [row] = await queryRows<DeliveryRow & { url: string; secret: string }>(
    db,
    sql`WITH due AS (
          SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE d.state = 'pending' AND e.active AND (d.attempts = 0 OR d.next_attempt_at <= ${now.toISOString()})
          ORDER BY d.attempts > 0, d.next_attempt_at, d.event_id LIMIT 1 FOR UPDATE OF d SKIP LOCKED)
        UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}
        FROM due, webhook_endpoints e WHERE d.id = due.id AND e.id = d.endpoint_id
        RETURNING ${deliveryColumns}, e.url, e.secret`,
  );
  return row && toDelivery(row);
}

export async function markDelivered(db: DbOrTx, d: { id: string; endpointId: string; status: number; now: Date }) {
  await db.execute(sql`UPDATE webhook_deliveries SET state = 'delivered', last_status = ${d.status},
    last_error = NULL, delivered_at = ${d.now.toISOString()} WHERE id = ${d.id}::uuid`);
  await db.execute(
    sql`UPDATE webhook_endpoints SET failures_in_row = 0 WHERE id = ${d.endpointId}::uuid AND failures_in_row > 0`,
  );
}

/**
 * A failed attempt: retried at `nextAttemptAt`, or given up. Giving up counts against the
 * endpoint; `disableAfter` given-up deliveries in a row turn it off.
 */
export async function markAttemptFailed(
  tx: DbOrTx,
  d: { id: string; endpointId: string; status: number | null; error: string; nextAttemptAt: Date; giveUp: boolean },
  disableAfter: number,
): Promise<void> {
  await tx.execute(sql`UPDATE webhook_deliveries SET last_status = ${d.status},
    last_error = ${d.error}, next_attempt_at = ${d.nextAttemptAt.toISOString()},
    state = ${d.giveUp ? 'failed' : 'pending'} WHERE id = ${d.id}::uuid`);
  if (!d.giveUp) return;
  await tx.execute(sql`UPDATE webhook_endpoints SET failures_in_row = failures_in_row + 1,
    active = CASE WHEN failures_in_row + 1 >= ${disableAfter} THEN false ELSE active END,
    disabled_reason = CASE WHEN failures_in_row + 1 >= ${disableAfter}
      THEN ${`Turned off after ${disableAfter} deliveries in a row failed`} ELSE disabled_reason END
    WHERE id = ${d.endpointId}::uuid`);
}

/** The endpoint's deliveries, newest first. */
export async function listDeliveries(db: DbOrTx, endpointId: string, limit: number): Promise<DeliveryRow[]> {
  const rows = await queryRows<DeliveryRow>(
    db,
    sql`SELECT ${deliveryColumns} FROM webhook_deliveries d WHERE d.endpoint_id = ${endpointId}::uuid
        ORDER BY d.created_at DESC, d.event_id DESC LIMIT ${limit}`,
  );
  return rows.map(toDelivery);
}

/**
 * "Send again": a delivered or failed delivery goes back to the queue, due now, same id; false
 * when there is none (a pending one is already queued, and may be in flight).
 */
export async function requeue(db: DbOrTx, endpointId: string, id: string, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = ${now.toISOString()}
        WHERE id = ${id}::uuid AND endpoint_id = ${endpointId}::uuid AND state <> 'pending' RETURNING id`,
  );
  if (rows.length > 0) await db.execute(wakeEventWorkers());
  return rows.length > 0;
}

/** Per endpoint: pending deliveries, the age of the oldest pending one (seconds), failed ones. */
export async function endpointStats(
  db: DbOrTx,
): Promise<{ endpoint: string; pending: number; oldestSeconds: number; failed: number }[]> {
  return queryRows(
    db,
    sql`SELECT e.id::text AS endpoint,
          count(*) FILTER (WHERE d.state = 'pending')::int AS pending,
          coalesce(extract(epoch FROM now() - min(d.created_at) FILTER (WHERE d.state = 'pending')), 0)::float8 AS "oldestSeconds",
          count(*) FILTER (WHERE d.state = 'failed')::int AS failed
        FROM webhook_endpoints e LEFT JOIN webhook_deliveries d ON d.endpoint_id = e.id GROUP BY e.id`,
  );
}
