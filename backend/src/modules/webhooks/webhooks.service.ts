import { createHmac, randomBytes } from 'node:crypto';
import {
  type CreatedWebhook,
  type CreateWebhookBody,
  systemRolePermissions,
  type TicketDetail,
  type UpdateWebhookBody,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { Database, Tx } from '../../db/client.js';
import { errorText, notFound, ruleViolation } from '../../lib/app-error.js';
import { type IpAllowList, ipAllowList } from '../../lib/ip-allow-list.js';
import { webhookAttempts } from '../../lib/metrics.js';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../../lib/pg-errors.js';
import { iso, isoOrNull } from '../../lib/timestamps.js';
import { type Actor, requirePermission } from '../auth/actor.js';
import { backoffMs, type EventConsumer, type StoredEvent } from '../events/events.service.js';
import { ticketParties, ticketReader } from '../tickets/tickets.service.js';
import { checkTarget, postJson } from './webhook-target.js';
import * as repo from './webhooks.repository.js';

/** Attempts before a delivery is given up (about a day in all with the events core's backoff). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Deliveries given up in a row before the endpoint is turned off. */
const DISABLE_AFTER_FAILURES = 5;
/** The consumer's name in the events core (its position, failures, `events:replay webhooks`). */
const WEBHOOKS_CONSUMER = 'webhooks';

export type WebhookConfig = AppDeps['config']['webhooks'];

/**
 * Who the payload is read as: an agent of the ticket's department, through the same reader and
 * presenter as the API, so a webhook never carries more than such an agent would see.
 */
function departmentAgent(departmentId: string): Actor {
  return {
    id: '00000000-0000-0000-0000-000000000000',
    email: 'webhooks@helpdesk.invalid',
    name: 'Webhooks',
    roleId: '00000000-0000-0000-0000-000000000000',
    roleName: 'AGENT',
    permissions: new Set(systemRolePermissions.AGENT),
    departmentIds: [departmentId],
    sharedOrganisationId: null,
    via: 'token',
    twoFactorEnrolmentRequired: false,
  };
}

/** The JSON body of one delivery (schema in docs/webhooks.md). */
export interface WebhookPayload {
  event: { id: number; type: string; createdAt: string; actorId: string | null };
  ticket: TicketDetail['ticket'];
  /** message.added: the message; internal notes only to endpoints that include them. */
  message?: TicketDetail['messages'][number];
  /** What the event recorded beside the ticket (assignee, status, SLA target …), without the text. */
  data: Record<string, unknown>;
}

/** The webhooks consumer of the events core: one delivery row per subscribed endpoint. */
export function webhooksConsumer(deps: AppDeps): EventConsumer {
  const read = ticketReader(deps);

  async function handle(tx: Tx, event: StoredEvent): Promise<void> {
    if (!event.ticketId) return;
    const endpoints = await repo.subscribers(tx, event.type);
    if (endpoints.length === 0) return;
    const parties = await ticketParties(tx, event.ticketId);
    if (!parties) return;
    const view = await read(tx, departmentAgent(parties.departmentId), event.ticketId);
    if (!view) return;
    const message =
      event.type === 'message.added' ? view.messages.find((m) => m.id === event.payload.messageId) : undefined;
    if (event.type === 'message.added' && !message) return;
    const { messageId: _m, isInternal: _i, ...data } = event.payload;
    const payload: WebhookPayload = {
      event: {
        id: event.id,
        type: event.type,
        createdAt: iso(event.createdAt),
        actorId: event.actorId,
      },
      ticket: view.ticket,
      ...(message ? { message } : {}),
      data,
    };
    const rows = endpoints
      .filter((e) => e.departmentId === null || e.departmentId === parties.departmentId)
      // An internal note goes only where the admin opted in.
      .filter((e) => !message?.isInternal || e.includeInternal)
      .map((e) => ({ endpointId: e.id, eventId: event.id, eventType: event.type, payload }));
    await repo.insertDeliveries(tx, rows);
  }

  /** Events with a ticket of a type some active endpoint subscribes to: one query per batch. */
  async function wanted(tx: Tx): Promise<(event: StoredEvent) => boolean> {
    const types = await repo.subscribedTypes(tx);
    return (event) => Boolean(event.ticketId) && types.has(event.type);
  }

  return { name: WEBHOOKS_CONSUMER, wanted, handle };
}

/** `X-Helpdesk-Signature`: `sha256=` HMAC-SHA256 of `timestamp.body` under the endpoint's secret. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The worker's task: each call sends the next due delivery, if any (sendNextDelivery). */
export function webhookSender(
  database: Database,
  config: WebhookConfig,
  now: () => Date = () => new Date(),
): () => Promise<number> {
  // WEBHOOK_ALLOW_NETWORKS, built once for every delivery this sender posts.
  const allowed = ipAllowList(config.allowNetworks);
  return () => sendNextDelivery(database, config, allowed, now);
}

/**
 * Sends the next due delivery, if any. The claim (one statement, SKIP LOCKED) counts the attempt
 * and leases the row for the timeout and a minute more, and the post runs outside any
 * transaction, so no connection (nor the embedded database) waits on a slow receiver and two
 * senders never post one delivery at once. A sender that dies mid-post leaves the lease to run
 * out; the delivery is then sent again with the same id (receivers drop repeats by it). 2xx is
 * delivered; anything else (a 3xx included: redirects are not followed) is retried with backoff,
 * and given up after the last attempt.
 */
async function sendNextDelivery(
  database: Database,
  config: WebhookConfig,
  allowed: IpAllowList,
  now: () => Date,
): Promise<number> {
  const { db } = database;
  const claimedAt = now();
  const d = await repo.claimDue(db, claimedAt, new Date(claimedAt.getTime() + config.timeoutMs + 60_000));
  if (!d) return 0;
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(claimedAt.getTime() / 1000);
  let status: number | null = null;
  let error: string;
  try {
    const res = await postJson(
      allowed,
      d.url,
      body,
      {
        'user-agent': 'HelpDesk-Pro-Webhooks/1',
        'x-helpdesk-event': d.eventType,
        'x-helpdesk-delivery': d.id,
        'x-helpdesk-timestamp': String(timestamp),
        'x-helpdesk-signature': sign(d.secret, timestamp, body),
      },
      config.timeoutMs,
    );
    const answered = res.status;
    status = answered;
    if (answered >= 200 && answered < 300) {
      await db.transaction((tx) =>
        repo.markDelivered(tx, { id: d.id, endpointId: d.endpointId, status: answered, now: now() }),
      );
      webhookAttempts.inc({ result: 'delivered' });
      return 1;
    }
    error =
      answered >= 300 && answered < 400 ? `Answered ${answered} (redirects are not followed)` : `Answered ${answered}`;
  } catch (err) {
    error = errorText(err);
  }
  // The claim counted this attempt already.
  const giveUp = d.attempts >= MAX_DELIVERY_ATTEMPTS;
  await db.transaction((tx) =>
    repo.markAttemptFailed(
      tx,
      {
        id: d.id,
        endpointId: d.endpointId,
        status,
        error,
        nextAttemptAt: new Date(now().getTime() + backoffMs(d.attempts)),
        giveUp,
      },
      DISABLE_AFTER_FAILURES,
    ),
  );
  webhookAttempts.inc({ result: giveUp ? 'failed' : 'retry' });
  return 1;
}

/** Per endpoint pending, lag and failed counts, for /metrics. */
export const webhookStats = (database: Database) => repo.endpointStats(database.db);

const present = (r: repo.EndpointRow): WebhookEndpoint => ({
  id: r.id,
  name: r.name,
  url: r.url,
  events: r.events as WebhookEndpoint['events'],
  departmentId: r.departmentId,
  includeInternal: r.includeInternal,
  active: r.active,
  disabledReason: r.disabledReason,
  pending: r.pending,
  failed: r.failed,
  createdAt: iso(r.createdAt),
});

const presentDelivery = (d: repo.DeliveryRow): WebhookDelivery => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  state: d.state,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  nextAttemptAt: iso(d.nextAttemptAt),
  deliveredAt: isoOrNull(d.deliveredAt),
  createdAt: iso(d.createdAt),
});

/** The admin's use cases (settings.manage): endpoints, their deliveries, "send again". */
export function createWebhookService({ database, config, now }: AppDeps) {
  const { db } = database;
  const allowed = ipAllowList(config.webhooks.allowNetworks);

  async function refuseTarget(url: string) {
    const why = await checkTarget(allowed, url);
    if (why) throw ruleViolation(why, [{ path: 'url', message: why }]);
  }

  async function one(id: string): Promise<WebhookEndpoint> {
    const [row] = await repo.listEndpoints(db, id);
    if (!row) throw notFound('Webhook');
    return present(row);
  }

  /** An unknown department is a 422, not a 500. */
  async function saving<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (pgErrorCode(err) === FOREIGN_KEY_VIOLATION) {
        throw ruleViolation('No such department', [{ path: 'departmentId', message: 'No such department' }]);
      }
      throw err;
    }
  }

  return {
    async list(actor: Actor): Promise<WebhookEndpoint[]> {
      requirePermission(actor, 'settings.manage');
      return (await repo.listEndpoints(db)).map(present);
    },
    async get(actor: Actor, id: string): Promise<WebhookEndpoint> {
      requirePermission(actor, 'settings.manage');
      return one(id);
    },
    /** The secret is generated here and shown in this answer only. */
    async create(actor: Actor, body: CreateWebhookBody): Promise<CreatedWebhook> {
      requirePermission(actor, 'settings.manage');
      await refuseTarget(body.url);
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const id = await saving(() =>
        repo.insertEndpoint(
          db,
          {
            name: body.name,
            url: body.url,
            events: [...new Set(body.events)],
            departmentId: body.departmentId ?? null,
            includeInternal: body.includeInternal ?? false,
            active: body.active ?? true,
          },
          secret,
        ),
      );
      return { endpoint: await one(id), secret };
    },
    async update(actor: Actor, id: string, body: UpdateWebhookBody): Promise<WebhookEndpoint> {
      requirePermission(actor, 'settings.manage');
      const current = await one(id);
      if (body.url !== undefined && body.url !== current.url) await refuseTarget(body.url);
      const saved = await saving(() =>
        repo.updateEndpoint(db, id, {
          name: body.name ?? current.name,
          url: body.url ?? current.url,
          events: [...new Set(body.events ?? current.events)],
          departmentId: body.departmentId === undefined ? current.departmentId : body.departmentId,
          includeInternal: body.includeInternal ?? current.includeInternal,
          active: body.active ?? current.active,
        }),
      );
      if (!saved) throw notFound('Webhook');
      return one(id);
    },
    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, 'settings.manage');
      if (!(await repo.deleteEndpoint(db, id))) throw notFound('Webhook');
    },
    async deliveries(actor: Actor, id: string): Promise<WebhookDelivery[]> {
      requirePermission(actor, 'settings.manage');
      await one(id);
      return (await repo.listDeliveries(db, id, 100)).map(presentDelivery);
    },
    /** Due again now, with the same delivery id (the receiver can tell it is a repeat). */
    async sendAgain(actor: Actor, id: string, deliveryId: string): Promise<void> {
      requirePermission(actor, 'settings.manage');
      if (!(await repo.requeue(db, id, deliveryId, now?.() ?? new Date()))) throw notFound('Delivery');
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
