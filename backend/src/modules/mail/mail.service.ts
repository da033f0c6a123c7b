import type { MailFailure, MailPreferences, TicketDetail, UpdateMailPreferencesBody } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { Database, Tx } from '../../db/client.js';
import { errorText, notFound } from '../../lib/app-error.js';
import { mailSent } from '../../lib/metrics.js';
import { iso } from '../../lib/timestamps.js';
import { type Actor, isStaff, requirePermission } from '../auth/actor.js';
import { findRecipient, type Recipient } from '../auth/credentials.service.js';
import { backoffMs, type EventConsumer, type StoredEvent } from '../events/events.service.js';
import { listFollowers } from '../followers/followers.service.js';
import { mentionedUserIds } from '../notifications/notifications.service.js';
import { reissueRatingLink } from '../satisfaction/satisfaction-requests.service.js';
import { readSettings } from '../settings/settings.service.js';
import { ticketParties, ticketReader } from '../tickets/tickets.service.js';
import * as repo from './mail.repository.js';
import { type MailConfig, type Outgoing, queue } from './mail-queue.service.js';
import { type MailData, type MailKind, OPTIONAL_KINDS, renderMail } from './templates.js';

export type { MailConfig } from './mail-queue.service.js';

/** Attempts before a message is kept as failed (about a day in all with the backoff). */
const MAX_SEND_ATTEMPTS = 8;

/** The event types outgoing() turns into mail (a status change only when it closes the ticket). */
const MAILED_EVENTS = new Set([
  'ticket.created',
  'ticket.assigned',
  'ticket.status_changed',
  'sla.warning',
  'sla.breached',
  'message.added',
]);

/** The mail consumer of the events core: turns ticket events into outbox rows, per recipient. */
export function mailConsumer(deps: AppDeps & { config: { mail: MailConfig } }): EventConsumer {
  const mail = deps.config.mail;
  const read = ticketReader(deps);
  const ticketLink = (id: string) => `${mail.publicUrl}/tickets/${id}`;

  /** The recipient's own view of the ticket, or undefined when they may not see it. */
  async function viewOf(tx: Tx, userId: string | null | undefined, ticketId: string) {
    if (!userId) return undefined;
    const to = await findRecipient(tx, { id: userId });
    if (!to) return undefined;
    const view = await read(tx, to.actor, ticketId);
    return view && { to, view };
  }

  const base = (view: TicketDetail) => ({
    number: view.ticket.number,
    subject: view.ticket.subject,
    link: ticketLink(view.ticket.id),
  });

  /** A message as this recipient sees it (never a note they may not read), with its public file links. */
  function messageData(view: TicketDetail, messageId: unknown) {
    const m = view.messages.find((x) => x.id === messageId);
    return (
      m && {
        body: m.body,
        author: m.author.name,
        files: m.attachments.map((a) => ({ name: a.fileName, url: `${mail.publicUrl}${a.url}` })),
      }
    );
  }

  async function outgoing(tx: Tx, e: StoredEvent & { ticketId: string }): Promise<Outgoing[]> {
    const parties = await ticketParties(tx, e.ticketId);
    if (!parties) return [];
    const out: Outgoing[] = [];
    const add = (
      kind: MailKind,
      r: { to: Recipient; view: TicketDetail } | undefined,
      extra: Partial<MailData> = {},
    ) => {
      if (r && r.to.actor.id !== e.actorId) {
        out.push({ kind, to: r.to, ticketId: e.ticketId, data: { ...base(r.view), ...extra } });
      }
    };
    switch (e.type) {
      case 'ticket.created': {
        // Also when staff filed it for the customer: the customer learns of their ticket.
        const r = await viewOf(tx, parties.customerId, e.ticketId);
        if (r) out.push({ kind: 'ticket_received', to: r.to, ticketId: e.ticketId, data: base(r.view) });
        break;
      }
      case 'ticket.assigned':
        add('assigned', await viewOf(tx, e.payload.assigneeId as string | null, e.ticketId));
        break;
      case 'ticket.status_changed': {
        if (e.payload.closed !== true) break;
        const r = await viewOf(tx, parties.customerId, e.ticketId);
        if (!r) break;
        const ratingLink = await reissueRatingLink(tx, e.ticketId, deps.now?.());
        add('ticket_resolved', r, {
          status: r.view.ticket.status.name,
          ...(ratingLink ? { ratingLink: `${mail.publicUrl}/rate?token=${encodeURIComponent(ratingLink)}` } : {}),
        });
        break;
      }
      case 'sla.warning':
      case 'sla.breached': {
        // The assignee's mail; an unassigned ticket's department hears of it in the app.
        const r = await viewOf(tx, parties.assignedToId, e.ticketId);
        if (!r || !isStaff(r.to.actor)) break;
        const target = e.payload.target as NonNullable<MailData['sla']>['target'];
        const dueAt = iso(String(e.payload.dueAt)).slice(0, 16).replace('T', ' ');
        add('sla_alert', r, { sla: { target, dueAt, breached: e.type === 'sla.breached' } });
        break;
      }
      case 'message.added': {
        const messageId = e.payload.messageId;
        if (e.payload.isInternal === true) {
          // Only the mentioned who may read the note get it, each through their own view.
          const author = await viewOf(tx, e.actorId, e.ticketId);
          const note = author && messageData(author.view, messageId);
          if (!note) break;
          for (const id of await mentionedUserIds(tx, note.body)) {
            const r = await viewOf(tx, id, e.ticketId);
            const seen = r && messageData(r.view, messageId);
            if (r && seen && isStaff(r.to.actor)) add('mentioned', r, seen);
          }
          break;
        }
        if (e.actorId === parties.customerId) {
          // The owner and every follower (issue 17), each once, each through their own view.
          const staffIds = new Set([parties.assignedToId, ...(await listFollowers(tx, e.ticketId)).map((f) => f.id)]);
          for (const id of staffIds) {
            const r = await viewOf(tx, id, e.ticketId);
            const seen = r && isStaff(r.to.actor) && messageData(r.view, messageId);
            if (seen) add('customer_reply', r, seen);
          }
        } else {
          const r = await viewOf(tx, parties.customerId, e.ticketId);
          const seen = r && messageData(r.view, messageId);
          if (seen) add('agent_reply', r, seen);
        }
        break;
      }
    }
    return out;
  }

  return {
    name: 'mail',
    // Only the events outgoing() can mail someone for; the rest (updates, merges, open statuses)
    // pass without a savepoint.
    wanted: async () => (e) =>
      Boolean(e.ticketId) &&
      MAILED_EVENTS.has(e.type) &&
      (e.type !== 'ticket.status_changed' || e.payload.closed === true),
    async handle(tx, event) {
      if (!event.ticketId) return;
      await queue(tx, mail, await outgoing(tx, { ...event, ticketId: event.ticketId }));
    },
  };
}

/**
 * What sends: nodemailer's SMTP transport from SMTP_URL (TLS as the URL says). Loaded here, not at
 * start: a server without SMTP_URL never pays for nodemailer (issue 22).
 */
export async function smtpTransport(mail: MailConfig) {
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport(mail.smtpUrl);
}

export type MailTransport = Awaited<ReturnType<typeof smtpTransport>>;

/** A 5xx answer (or a refused recipient) will not get better by retrying. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends the next due message, if any: claimed with SKIP LOCKED and kept locked while it is sent,
 * so two senders never send one message; a crash mid-send leaves it pending (sent again with the
 * same Message-ID). Returns 1 when it tried one, 0 when nothing was due.
 */
export async function sendNext(
  database: Database,
  mail: MailConfig,
  transport: MailTransport,
  now: () => Date = () => new Date(),
): Promise<number> {
  return database.db.transaction(async (tx) => {
    const row = await repo.claimDue(tx, now());
    if (!row) return 0;
    const { helpdeskName } = await readSettings(tx);
    try {
      await transport.sendMail({
        from: { name: mail.from.name ?? helpdeskName, address: mail.from.address },
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody,
        messageId: row.messageId,
        // An automatic answer to incoming mail keeps its own Auto-Submitted: auto-replied.
        headers: { 'Auto-Submitted': 'auto-generated', ...row.headers },
      });
      await repo.markSent(tx, row.id, now());
      mailSent.inc({ result: 'sent' });
    } catch (err) {
      const attempts = row.attempts + 1;
      const permanent = isPermanent(err) || attempts >= MAX_SEND_ATTEMPTS;
      await repo.markAttemptFailed(tx, row.id, {
        error: errorText(err),
        nextAttemptAt: new Date(now().getTime() + backoffMs(attempts)),
        permanent,
      });
      mailSent.inc({ result: permanent ? 'failed' : 'retry' });
    }
    return 1;
  });
}

/** `helpdesk mail:test ADDRESS`: one message straight through the transport (not the queue). */
export async function sendTestMail(database: Database, mail: MailConfig, transport: MailTransport, to: string) {
  // Also before the first migration (a new install checks its SMTP settings first).
  const { helpdeskName } = await readSettings(database.db).catch(() => ({ helpdeskName: 'HelpDesk Pro' }));
  const rendered = renderMail('test', 'en', { helpdesk: helpdeskName, link: mail.publicUrl });
  return transport.sendMail({
    from: { name: mail.from.name ?? helpdeskName, address: mail.from.address },
    to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
  });
}

/** Outbox counts by state, for /metrics. */
export const outboxCounts = (database: Database) => repo.countByState(database.db);

/** The profile's names of the optional kinds. */
const preferenceKeys = {
  ticket_received: 'ticketReceived',
  agent_reply: 'agentReply',
  ticket_resolved: 'ticketResolved',
  assigned: 'assigned',
  mentioned: 'mentioned',
  customer_reply: 'customerReply',
  sla_alert: 'slaAlerts',
} as const satisfies Record<(typeof OPTIONAL_KINDS)[number], keyof MailPreferences>;

/** The mail routes' use cases: one's own preferences, and the admin's view of failures. */
export function createMailService({ database, config }: AppDeps) {
  const { db } = database;

  async function preferences(actor: Actor) {
    const off = await repo.findOff(db, actor.id);
    const prefs = Object.fromEntries(OPTIONAL_KINDS.map((k) => [preferenceKeys[k], !off.includes(k)]));
    return { mailConfigured: config.mail !== undefined, preferences: prefs as MailPreferences };
  }

  return {
    /** `GET /api/me/mail-preferences`. */
    preferences,
    /** `PUT /api/me/mail-preferences`: only the kinds named change; returns the new preferences. */
    async setPreferences(actor: Actor, body: UpdateMailPreferencesBody) {
      const current = await preferences(actor);
      const next: MailPreferences = { ...current.preferences, ...body };
      await repo.saveOff(
        db,
        actor.id,
        OPTIONAL_KINDS.filter((k) => !next[preferenceKeys[k]]),
      );
      return { ...current, preferences: next };
    },
    /** `GET /api/mail/failures` (settings.manage): failed and retrying messages, newest first, no bodies. */
    async failures(actor: Actor): Promise<MailFailure[]> {
      requirePermission(actor, 'settings.manage');
      return (await repo.listProblems(db, 100)).map((r) => ({
        id: r.id,
        kind: r.kind,
        toAddress: r.toAddress,
        subject: r.subject,
        state: r.state,
        attempts: r.attempts,
        lastError: r.lastError,
        nextAttemptAt: iso(r.nextAttemptAt),
        createdAt: iso(r.createdAt),
      }));
    },
    /** `POST /api/mail/failures/:id/retry` (settings.manage): due again now. */
    async retry(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, 'settings.manage');
      if (!(await repo.requeue(db, id))) throw notFound('Message');
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
