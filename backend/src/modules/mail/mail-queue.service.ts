import type { Config } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import type { Recipient } from '../auth/credentials.service.js';
import { readSettings } from '../settings/settings.service.js';
import * as repo from './mail.repository.js';
import { langOf, type MailData, type MailKind, OPTIONAL_KINDS, renderMail } from './templates.js';

/**
 * Queuing mail in the caller's transaction (docs/email.md), kept apart from mail.service.ts (the
 * event consumer and the sender, which read tickets) so that users and auth can queue account
 * mail without importing the tickets module.
 */

export type MailConfig = NonNullable<Config['mail']>;

export const domainOf = (mail: MailConfig) => mail.from.address.split('@')[1] ?? 'localhost';

/** One message to queue: to a user (their language, their preferences) about a ticket or their account. */
export interface Outgoing {
  kind: MailKind;
  /** A user, or (an answer to incoming mail) an address that may have no account. */
  to: Recipient | { email: string };
  data: Omit<MailData, 'helpdesk'>;
  ticketId?: string;
  /** The incoming Message-ID an automatic answer replies to (it threads there, not at the ticket). */
  answering?: string;
}

/**
 * Queues messages in the caller's transaction (docs/email.md): skipped for optional kinds the
 * user turned off. Nothing happens without mail configured.
 */
export async function queue(tx: DbOrTx, mail: MailConfig | undefined, messages: readonly Outgoing[]): Promise<number> {
  if (!mail || messages.length === 0) return 0;
  const { helpdeskName } = await readSettings(tx);
  const rows: repo.OutboxInput[] = [];
  for (const m of messages) {
    const user = 'actor' in m.to ? m.to : undefined;
    if (user && (OPTIONAL_KINDS as readonly string[]).includes(m.kind)) {
      const off = await repo.findOff(tx, user.actor.id);
      if (off.includes(m.kind)) continue;
    }
    const rendered = renderMail(m.kind, langOf(user?.locale), { ...m.data, helpdesk: helpdeskName });
    // Every mail of a ticket answers one thread root, so mail clients group them.
    const thread = m.answering ?? (m.ticketId ? `<ticket-${m.ticketId}@${domainOf(mail)}>` : undefined);
    rows.push({
      kind: m.kind,
      toAddress: 'actor' in m.to ? m.to.actor.email : m.to.email,
      userId: user?.actor.id ?? null,
      ticketId: m.ticketId ?? null,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      headers: {
        ...(thread ? { 'In-Reply-To': thread, References: thread } : {}),
        // An automatic answer says so, so the other side's robots do not answer it (RFC 3834).
        ...(m.answering ? { 'Auto-Submitted': 'auto-replied' } : {}),
      },
    });
  }
  await repo.insertOutbox(tx, rows, domainOf(mail));
  return rows.length;
}

/**
 * An account mail (invitation, password reset, e-mail change) with its link, queued in the caller's transaction.
 * Returns false without mail configured: the caller keeps the copy-the-link flow.
 */
export async function queueAccountMail(
  tx: DbOrTx,
  mail: MailConfig | undefined,
  input: {
    kind: 'invitation' | 'password_reset' | 'email_change' | 'email_change_notice';
    to: Recipient;
    path: string;
    address?: string;
  },
): Promise<boolean> {
  if (!mail) return false;
  const data = { link: `${mail.publicUrl}${input.path}`, address: input.address };
  return (await queue(tx, mail, [{ kind: input.kind, to: input.to, data }])) > 0;
}
