/**
 * Mail texts in the recipient's language (en, de): a subject, a plain-text body and a simple HTML
 * body. User text (subjects, replies, names) is escaped in the HTML; the plain text carries it as
 * it is. Every kind is one entry per language.
 */

export type MailKind =
  | 'ticket_received'
  | 'agent_reply'
  | 'ticket_resolved'
  | 'assigned'
  | 'mentioned'
  | 'customer_reply'
  | 'sla_alert'
  | 'invitation'
  | 'password_reset'
  | 'email_change'
  | 'email_change_notice'
  | 'inbound_refused'
  | 'inbound_files_refused'
  | 'test';

/** Kinds a user may turn off on their profile; account mails always go. */
export const OPTIONAL_KINDS = [
  'ticket_received',
  'agent_reply',
  'ticket_resolved',
  'assigned',
  'mentioned',
  'customer_reply',
  'sla_alert',
] as const satisfies readonly MailKind[];

export type Lang = 'en' | 'de';
export const langOf = (locale: string | null | undefined): Lang =>
  locale?.toLowerCase().startsWith('de') ? 'de' : 'en';

export interface MailData {
  helpdesk: string;
  number?: number;
  subject?: string;
  /** The reply or note text, as the recipient may read it. */
  body?: string;
  author?: string;
  /** The ticket's page, a reset or invitation link. */
  link?: string;
  ratingLink?: string;
  files?: { name: string; url: string }[];
  status?: string;
  /** An e-mail change: the new address. */
  address?: string;
  /** Files of an incoming message that were not accepted, with why. */
  refusedFiles?: string[];
  /** An SLA alert: which target, when it is (or was) due, and whether it is breached. */
  sla?: { target: 'first_response' | 'next_response' | 'resolution'; dueAt: string; breached: boolean };
}

interface Text {
  subject(d: MailData): string;
  /** Paragraphs before the quoted body. */
  lines(d: MailData): string[];
  action: string;
}

const slaTargetEn = { first_response: 'first response', next_response: 'next response', resolution: 'resolution' };
const slaTargetDe = { first_response: 'Erste Antwort', next_response: 'Nächste Antwort', resolution: 'Lösung' };

const ticketRef = (d: MailData) => `#${d.number} ${d.subject ?? ''}`.trim();

const en: Record<MailKind, Text> = {
  ticket_received: {
    subject: (d) => `[#${d.number}] We received your request: ${d.subject}`,
    lines: (d) => [
      `Thank you for contacting ${d.helpdesk}. Your ticket ${ticketRef(d)} was received; we will answer soon.`,
    ],
    action: 'View your ticket',
  },
  agent_reply: {
    subject: (d) => `[#${d.number}] New reply: ${d.subject}`,
    lines: (d) => [`${d.author} replied to your ticket ${ticketRef(d)}:`],
    action: 'View the conversation',
  },
  ticket_resolved: {
    subject: (d) => `[#${d.number}] Your ticket is ${d.status}: ${d.subject}`,
    lines: (d) => [
      `Your ticket ${ticketRef(d)} is now ${d.status}.`,
      ...(d.ratingLink ? [`How did we do? Rate our answer: ${d.ratingLink}`] : []),
    ],
    action: 'View your ticket',
  },
  assigned: {
    subject: (d) => `[#${d.number}] Assigned to you: ${d.subject}`,
    lines: (d) => [`Ticket ${ticketRef(d)} was assigned to you.`],
    action: 'Open the ticket',
  },
  mentioned: {
    subject: (d) => `[#${d.number}] You were mentioned: ${d.subject}`,
    lines: (d) => [`${d.author} mentioned you in an internal note on ${ticketRef(d)}:`],
    action: 'Open the ticket',
  },
  customer_reply: {
    subject: (d) => `[#${d.number}] Customer replied: ${d.subject}`,
    lines: (d) => [`${d.author} replied on ${ticketRef(d)}:`],
    action: 'Open the ticket',
  },
  sla_alert: {
    subject: (d) => `[#${d.number}] ${d.sla?.breached ? 'SLA breached' : 'SLA warning'}: ${d.subject}`,
    lines: (d) => [
      d.sla?.breached
        ? `The ${slaTargetEn[d.sla.target]} target of ${ticketRef(d)} was due at ${d.sla.dueAt} (UTC) and is breached.`
        : `The ${d.sla ? slaTargetEn[d.sla.target] : ''} target of ${ticketRef(d)} is due at ${d.sla?.dueAt ?? ''} (UTC).`,
    ],
    action: 'Open the ticket',
  },
  invitation: {
    subject: (d) => `You are invited to ${d.helpdesk}`,
    lines: (d) => [`An account was created for you at ${d.helpdesk}. Choose your password with this link:`],
    action: 'Choose a password',
  },
  password_reset: {
    subject: (d) => `Reset your ${d.helpdesk} password`,
    lines: () => [
      'Someone asked to reset the password of your account. If it was you, choose a new password with this link; it works once, for 24 hours.',
      'If it was not you, ignore this message: your password stays as it is.',
    ],
    action: 'Choose a new password',
  },
  email_change: {
    subject: (d) => `Confirm your new ${d.helpdesk} e-mail address`,
    lines: (d) => [
      `Someone asked to use ${d.address} for their account at ${d.helpdesk}. If it was you, confirm the address with this link; it works once, for 24 hours.`,
      'If it was not you, ignore this message: nothing changes.',
    ],
    action: 'Confirm the address',
  },
  email_change_notice: {
    subject: (d) => `Your ${d.helpdesk} e-mail address is about to change`,
    lines: (d) => [
      `Someone asked to change the e-mail address of your account to ${d.address}. It changes only when the link we sent to that address is opened.`,
      'If it was not you, sign in and change your password now, or ask your administrator for help.',
    ],
    action: 'Open the helpdesk',
  },
  inbound_refused: {
    subject: (d) => `Re: ${d.subject ?? ''}`.trim(),
    lines: (d) => [
      `Thank you for writing to ${d.helpdesk}. We can only accept messages from addresses that have an account with us, so your message was not filed.`,
      'Please ask us for an account, or sign in and open a ticket on our website.',
    ],
    action: 'Open the helpdesk',
  },
  inbound_files_refused: {
    subject: (d) => `[#${d.number}] Some attachments were not accepted: ${d.subject}`,
    lines: (d) => [
      `Your message on ${ticketRef(d)} was received, but these files were not accepted:`,
      (d.refusedFiles ?? []).map((f) => `- ${f}`).join('\n'),
      'Files may be refused for their type or size. Please send them another way or in a smaller form.',
    ],
    action: 'View your ticket',
  },
  test: {
    subject: (d) => `${d.helpdesk}: test message`,
    lines: () => ['This is a test message: outgoing mail works.'],
    action: 'Open the helpdesk',
  },
};

const de: Record<MailKind, Text> = {
  ticket_received: {
    subject: (d) => `[#${d.number}] Ihre Anfrage ist eingegangen: ${d.subject}`,
    lines: (d) => [
      `Danke für Ihre Nachricht an ${d.helpdesk}. Ihr Ticket ${ticketRef(d)} ist eingegangen; wir antworten bald.`,
    ],
    action: 'Ticket ansehen',
  },
  agent_reply: {
    subject: (d) => `[#${d.number}] Neue Antwort: ${d.subject}`,
    lines: (d) => [`${d.author} hat auf Ihr Ticket ${ticketRef(d)} geantwortet:`],
    action: 'Unterhaltung ansehen',
  },
  ticket_resolved: {
    subject: (d) => `[#${d.number}] Ihr Ticket ist ${d.status}: ${d.subject}`,
    lines: (d) => [
      `Ihr Ticket ${ticketRef(d)} ist jetzt ${d.status}.`,
      ...(d.ratingLink ? [`Wie zufrieden sind Sie? Bewerten Sie unsere Antwort: ${d.ratingLink}`] : []),
    ],
    action: 'Ticket ansehen',
  },
  assigned: {
    subject: (d) => `[#${d.number}] Ihnen zugewiesen: ${d.subject}`,
    lines: (d) => [`Das Ticket ${ticketRef(d)} wurde Ihnen zugewiesen.`],
    action: 'Ticket öffnen',
  },
  mentioned: {
    subject: (d) => `[#${d.number}] Sie wurden erwähnt: ${d.subject}`,
    lines: (d) => [`${d.author} hat Sie in einer internen Notiz zu ${ticketRef(d)} erwähnt:`],
    action: 'Ticket öffnen',
  },
  customer_reply: {
    subject: (d) => `[#${d.number}] Antwort des Kunden: ${d.subject}`,
    lines: (d) => [`${d.author} hat auf ${ticketRef(d)} geantwortet:`],
    action: 'Ticket öffnen',
  },
  sla_alert: {
    subject: (d) => `[#${d.number}] ${d.sla?.breached ? 'SLA verletzt' : 'SLA-Warnung'}: ${d.subject}`,
    lines: (d) => [
      d.sla?.breached
        ? `Das Ziel „${slaTargetDe[d.sla.target]}“ von ${ticketRef(d)} war um ${d.sla.dueAt} (UTC) fällig und ist verletzt.`
        : `Das Ziel „${d.sla ? slaTargetDe[d.sla.target] : ''}“ von ${ticketRef(d)} ist um ${d.sla?.dueAt ?? ''} (UTC) fällig.`,
    ],
    action: 'Ticket öffnen',
  },
  invitation: {
    subject: (d) => `Einladung zu ${d.helpdesk}`,
    lines: (d) => [`Für Sie wurde ein Konto bei ${d.helpdesk} angelegt. Wählen Sie Ihr Passwort über diesen Link:`],
    action: 'Passwort wählen',
  },
  password_reset: {
    subject: (d) => `${d.helpdesk}: Passwort zurücksetzen`,
    lines: () => [
      'Jemand möchte das Passwort Ihres Kontos zurücksetzen. Wenn Sie das waren, wählen Sie über diesen Link ein neues Passwort; er gilt einmal, 24 Stunden lang.',
      'Wenn nicht, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.',
    ],
    action: 'Neues Passwort wählen',
  },
  email_change: {
    subject: (d) => `${d.helpdesk}: neue E-Mail-Adresse bestätigen`,
    lines: (d) => [
      `Jemand möchte ${d.address} für sein Konto bei ${d.helpdesk} verwenden. Wenn Sie das waren, bestätigen Sie die Adresse über diesen Link; er gilt einmal, 24 Stunden lang.`,
      'Wenn nicht, ignorieren Sie diese Nachricht: es ändert sich nichts.',
    ],
    action: 'Adresse bestätigen',
  },
  email_change_notice: {
    subject: (d) => `${d.helpdesk}: Ihre E-Mail-Adresse soll sich ändern`,
    lines: (d) => [
      `Jemand möchte die E-Mail-Adresse Ihres Kontos in ${d.address} ändern. Sie ändert sich erst, wenn der Link an diese Adresse geöffnet wird.`,
      'Wenn Sie das nicht waren, melden Sie sich an und ändern Sie sofort Ihr Passwort, oder bitten Sie Ihre Administration um Hilfe.',
    ],
    action: 'Helpdesk öffnen',
  },
  inbound_refused: {
    subject: (d) => `Re: ${d.subject ?? ''}`.trim(),
    lines: (d) => [
      `Danke für Ihre Nachricht an ${d.helpdesk}. Wir nehmen Nachrichten nur von Adressen mit einem Konto bei uns an; Ihre Nachricht wurde daher nicht erfasst.`,
      'Bitten Sie uns um ein Konto, oder melden Sie sich auf unserer Website an und eröffnen Sie dort ein Ticket.',
    ],
    action: 'Helpdesk öffnen',
  },
  inbound_files_refused: {
    subject: (d) => `[#${d.number}] Einige Anhänge wurden nicht angenommen: ${d.subject}`,
    lines: (d) => [
      `Ihre Nachricht zu ${ticketRef(d)} ist eingegangen, diese Dateien wurden aber nicht angenommen:`,
      (d.refusedFiles ?? []).map((f) => `- ${f}`).join('\n'),
      'Dateien werden wegen ihres Typs oder ihrer Größe abgelehnt. Bitte senden Sie sie auf anderem Weg oder kleiner.',
    ],
    action: 'Ticket ansehen',
  },
  test: {
    subject: (d) => `${d.helpdesk}: Testnachricht`,
    lines: () => ['Dies ist eine Testnachricht: der Mailversand funktioniert.'],
    action: 'Helpdesk öffnen',
  },
};

const texts: Record<Lang, Record<MailKind, Text>> = { en, de };
const filesLabel: Record<Lang, string> = { en: 'Attachments', de: 'Anhänge' };

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const paragraph = (text: string) => `<p>${escapeHtml(text).replaceAll('\n', '<br>')}</p>`;
/** Header values must be one line. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').slice(0, 250);

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function renderMail(kind: MailKind, lang: Lang, d: MailData): RenderedMail {
  const t = texts[lang][kind];
  const lines = t.lines(d);
  const files = d.files ?? [];
  const text = [
    ...lines,
    ...(d.body ? [d.body.replace(/^/gm, '> ')] : []),
    ...(files.length ? [`${filesLabel[lang]}:\n${files.map((f) => `- ${f.name}: ${f.url}`).join('\n')}`] : []),
    ...(d.link ? [`${t.action}: ${d.link}`] : []),
    `-- \n${d.helpdesk}`,
  ].join('\n\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    ...lines.map(paragraph),
    ...(d.body
      ? [`<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:12px">${paragraph(d.body)}</blockquote>`]
      : []),
    ...(files.length
      ? [
          `<p>${filesLabel[lang]}:</p><ul>${files
            .map((f) => `<li><a href="${escapeHtml(f.url)}">${escapeHtml(f.name)}</a></li>`)
            .join('')}</ul>`,
        ]
      : []),
    ...(d.link ? [`<p><a href="${escapeHtml(d.link)}">${escapeHtml(t.action)}</a></p>`] : []),
    `<p style="color:#888">${escapeHtml(d.helpdesk)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: oneLine(t.subject(d)), text, html };
}
