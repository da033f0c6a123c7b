import { createHash } from 'node:crypto';
import type EmailReplyParser from 'email-reply-parser';
import type { AddressObject, ParsedMail } from 'mailparser';
import type { AppDeps } from '../../app-deps.js';
import { AppError, forbidden, notFound, validationError } from '../../lib/app-error.js';
import { hitRateLimits } from '../../lib/rate-limit.js';
import { iso } from '../../lib/timestamps.js';
import { attachmentService, type StoredFiles } from '../attachments/attachments.service.js';
import { type Actor, isStaff } from '../auth/actor.js';
import { findRecipient } from '../auth/credentials.service.js';
import { cachedDepartments } from '../departments/departments.service.js';
import { readSettings } from '../settings/settings.service.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { insertCustomer } from '../users/users.service.js';
import * as inbound from './inbound.repository.js';
import { queue } from './mail-queue.service.js';

/**
 * Incoming mail (docs/email.md, "Incoming"): one path for `helpdesk mail:receive` (an MTA's pipe)
 * and the IMAP fetch. A message is parsed once (mailparser), claimed by its Message-ID (never
 * imported twice), checked for loops and noise, then becomes a reply on the ticket it answers or a
 * new ticket, always through the tickets service as the sender, so the sender's own access rules
 * decide. What happened is kept in mail_inbound.
 */

export type InboundOutcome = 'reply' | 'agent_reply' | 'ticket' | 'ignored' | 'refused' | 'rate_limited' | 'duplicate';

export interface InboundResult {
  outcome: InboundOutcome;
  reason?: string;
  ticketId?: string;
  ticketNumber?: number;
  messageId: string;
}

const header = (mail: ParsedMail, name: string): string => {
  const v = mail.headers.get(name);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
  return String(v);
};

const firstAddress = (
  a: AddressObject | AddressObject[] | undefined,
): { address: string; name: string } | undefined => {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const entry of obj.value) {
      if (entry.address) return { address: entry.address.toLowerCase(), name: entry.name || entry.address };
    }
  }
  return undefined;
};

/**
 * Why a message must get no ticket and no answer (auto-replies, lists, bulk mail, bounces), or
 * undefined when a person wrote it. Answering these is how mail loops start.
 */
function noiseReason(mail: ParsedMail, raw: string): string | undefined {
  const autoSubmitted = header(mail, 'auto-submitted').trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = header(mail, 'precedence').trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (mail.headers.has('list-id')) return 'List-Id';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'X-Autoreply';
  // Return-Path <> is the envelope of bounces and other delivery reports.
  if (/^return-path:[ \t]*<>/im.test(raw.slice(0, raw.search(/\r?\n\r?\n/) >>> 0))) return 'empty Return-Path';
  const contentType = header(mail, 'content-type').toLowerCase();
  if (contentType.includes('multipart/report')) return 'delivery report';
  const from = firstAddress(mail.from)?.address ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(from)) return 'bounce';
  return undefined;
}

/**
 * True when the receiving server's Authentication-Results says SPF or DKIM passed for the From
 * domain (docs/email.md: only trusted when MAIL_INBOUND_TRUSTED is set; the MTA must remove such
 * headers that arrive from outside).
 */
function authenticatedFrom(mail: ParsedMail, fromAddress: string): boolean {
  const domain = fromAddress.split('@')[1]?.toLowerCase();
  if (!domain) return false;
  const raw = mail.headers.get('authentication-results');
  const values = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((v) => String(v).toLowerCase());
  for (const v of values) {
    const dkim = /dkim=pass[^;]*header\.d=([^\s;]+)/.exec(v)?.[1];
    if (dkim && (dkim === domain || domain.endsWith(`.${dkim}`))) return true;
    const spf = /spf=pass[^;]*smtp\.mailfrom=([^\s;]+)/.exec(v)?.[1];
    if (spf && (spf.split('@').pop() ?? '') === domain) return true;
  }
  return false;
}

interface Parsers {
  simpleParser: typeof import('mailparser').simpleParser;
  ReplyParser: typeof EmailReplyParser;
}
let parsers: Promise<Parsers> | undefined;

/** The MIME and reply parsers load with the first message: a server that receives no mail never pays for them. */
function loadParsers(): Promise<Parsers> {
  parsers ??= Promise.all([import('mailparser'), import('email-reply-parser')]).then(([m, r]) => ({
    simpleParser: m.simpleParser,
    ReplyParser: r.default,
  }));
  return parsers;
}

/** The text a person wrote: the visible part without quoted history or signature. */
function visibleText(mail: ParsedMail, ReplyParser: typeof EmailReplyParser): string {
  const text = (mail.text ?? '').replace(/\r\n/g, '\n');
  let visible = new ReplyParser().read(text).getVisibleText();
  // What the library leaves: a German Outlook header block and a "-- " signature it did not see.
  visible = visible.split(/^(?:Von|From): .*\n(?:.*\n)*?(?:Gesendet|Sent|An|To): /m)[0] ?? visible;
  visible = visible.split(/^-- ?$/m)[0] ?? visible;
  return visible.trim();
}

/** Message-IDs this message answers: In-Reply-To first, then References newest first. */
function answeredIds(mail: ParsedMail): string[] {
  const refs = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  const ids = [mail.inReplyTo ?? '', ...refs.reverse()].flatMap((s) => s.match(/<[^<>\s]+>/g) ?? []);
  return [...new Set(ids)];
}

export function inboundService(deps: AppDeps) {
  const { config, database } = deps;
  const { db } = database;
  const tickets = createTicketService(deps);
  const files = attachmentService(deps);

  async function departmentId(): Promise<string> {
    const all = (await cachedDepartments(database)).filter((d) => d.isActive);
    const wanted = config.mailInbound.department?.toLowerCase();
    const found = wanted ? all.find((d) => d.id === wanted || d.name.toLowerCase() === wanted) : all[0];
    if (!found) {
      throw validationError(
        `MAIL_INBOUND_DEPARTMENT: no active department ${config.mailInbound.department ?? ''}`.trim(),
      );
    }
    return found.id;
  }

  /** The ticket a message answers, as `actor` may see it: by Message-ID, else by `[#1234]` in the subject. */
  async function answeredTicket(mail: ParsedMail, actor: Actor) {
    const byId = await inbound.ticketOfMessageIds(db, answeredIds(mail));
    const rootId = answeredIds(mail)
      .map((m) => /^<ticket-([0-9a-f-]{36})@/.exec(m)?.[1])
      .find(Boolean);
    const number = /\[#(\d{1,9})\]/.exec(mail.subject ?? '')?.[1];
    for (const ref of [byId, rootId, number]) {
      if (!ref) continue;
      // The sender's own access decides: another customer's ticket number is simply not theirs.
      const found = await tickets.get(actor, ref).catch(() => undefined);
      if (found) return found.ticket;
    }
    return undefined;
  }

  async function importAs(
    actor: Actor,
    mail: ParsedMail,
    messageId: string,
    stored: StoredFiles,
  ): Promise<Pick<InboundResult, 'outcome' | 'ticketId' | 'ticketNumber'> & { ticketMessageId?: string }> {
    const text = visibleText(mail, (await loadParsers()).ReplyParser) || mail.subject?.trim() || '(no text)';
    const ticket = await answeredTicket(mail, actor);
    if (ticket) {
      const message = await tickets.addMessage(actor, ticket.id, { body: text, isInternal: false }, stored.files);
      return {
        outcome: isStaff(actor) ? 'agent_reply' : 'reply',
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        ticketMessageId: message.id,
      };
    }
    if (isStaff(actor)) throw forbidden('Staff answer tickets by mail, they do not open them');
    const subject = (mail.subject ?? '').replace(/^\s*((re|aw|fwd?|wg):\s*)+/i, '').trim() || text.slice(0, 80);
    // The Message-ID as the idempotency key: a retry after a crash finds the ticket it made.
    const key = `mail-${createHash('sha256').update(messageId).digest('hex').slice(0, 40)}`;
    const { detail } = await tickets.create(
      actor,
      { subject: subject.slice(0, 200), description: text, departmentId: await departmentId() },
      key,
      stored.files,
    );
    return { outcome: 'ticket', ticketId: detail.ticket.id, ticketNumber: detail.ticket.number };
  }

  /** Imports one raw message (an .eml); never throws for what the sender did wrong, only for our failures. */
  async function receive(raw: Buffer): Promise<InboundResult> {
    const { simpleParser } = await loadParsers();
    const mail = await simpleParser(raw);
    const rawText = raw.toString('utf8');
    const messageId = mail.messageId?.trim() || `<sha256-${createHash('sha256').update(raw).digest('hex')}@inbound>`;
    const from = firstAddress(mail.from);
    const subject = (mail.subject ?? '').slice(0, 500);
    const claim = await inbound.claimMessageId(db, { messageId, fromAddress: from?.address ?? '', subject });
    if (!claim) return { outcome: 'duplicate', messageId };
    const settle = async (
      result: Omit<InboundResult, 'messageId'>,
      extra: { ticketMessageId?: string; raw?: string } = {},
    ) => {
      await inbound.settleInbound(db, claim, { ...result, ...extra });
      return { ...result, messageId };
    };
    try {
      const noise = noiseReason(mail, rawText);
      if (noise) return await settle({ outcome: 'ignored', reason: noise });
      if (!from) return await settle({ outcome: 'ignored', reason: 'no From address' });

      const { sender: limit } = config.writeLimits.inbound;
      if (limit > 0) {
        const wait = await hitRateLimits(database, [
          { key: `mail-in:${from.address}`, rule: { limit, windowSeconds: config.writeLimits.windowSeconds } },
        ]);
        if (wait > 0) return await settle({ outcome: 'rate_limited', reason: `over ${limit} messages per window` });
      }

      let recipient = await findRecipient(db, { email: from.address });
      if (recipient && isStaff(recipient.actor)) {
        const trusted = config.mailInbound.trusted && authenticatedFrom(mail, from.address);
        if (!trusted) return await settle({ outcome: 'refused', reason: 'staff address not authenticated' });
      }
      if (!recipient) {
        if (!(await readSettings(db)).selfSignup) {
          await queue(db, config.mail, [
            {
              kind: 'inbound_refused',
              to: { email: from.address },
              data: { subject: mail.subject ?? '' },
              answering: messageId,
            },
          ]);
          return await settle({ outcome: 'refused', reason: 'unknown sender' });
        }
        const customer = await db.transaction((tx) =>
          insertCustomer(tx, { email: from.address, name: from.name.slice(0, 100) }, 'mail'),
        );
        recipient = await findRecipient(db, { id: customer.id });
        if (!recipient) throw new Error('the new customer is not readable');
      }

      const stored = await files.storeFiles(
        mail.attachments
          .filter((a) => a.contentDisposition !== 'inline' || !a.cid)
          .map((a) => ({ fileName: a.filename, content: a.content })),
      );
      let done: Awaited<ReturnType<typeof importAs>>;
      try {
        done = await importAs(recipient.actor, mail, messageId, stored);
      } catch (err) {
        await stored.discard();
        if (err instanceof AppError && err.statusCode < 500) {
          return await settle({ outcome: 'refused', reason: err.message });
        }
        throw err;
      }
      if (stored.refused.length > 0 && done.ticketId) {
        await queue(db, config.mail, [
          {
            kind: 'inbound_files_refused',
            to: recipient,
            data: {
              number: done.ticketNumber,
              subject: mail.subject ?? '',
              refusedFiles: stored.refused.map((f) => `${f.fileName} (${f.reason.replace('_', ' ')})`),
            },
            ticketId: done.ticketId,
            answering: messageId,
          },
        ]);
      }
      const { ticketMessageId, ...result } = done;
      return await settle(result, { ticketMessageId, raw: rawText.includes('\0') ? undefined : rawText });
    } catch (err) {
      await inbound.releaseClaim(db, claim);
      throw err;
    }
  }

  return {
    receive,
    /** Imported messages of a ticket, for staff who may see it. */
    async listForTicket(actor: Actor, ticketRef: string) {
      if (!isStaff(actor)) throw forbidden('Only staff see the original messages');
      // The access check alone (not the ticket's whole conversation): 404 when it is not theirs.
      const ticket = await tickets.glance(actor, ticketRef);
      const rows = await inbound.inboundOfTicket(db, ticket.id);
      return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
    },
    /** The original .eml, for staff who may see its ticket; 404 otherwise. */
    async original(actor: Actor, id: string): Promise<string> {
      if (!isStaff(actor)) throw notFound('Message');
      const found = await inbound.findRaw(db, id);
      if (!found?.ticketId) throw notFound('Message');
      await tickets.glance(actor, found.ticketId).catch(() => {
        throw notFound('Message');
      });
      return found.raw;
    },
  };
}

export type InboundService = ReturnType<typeof inboundService>;
