import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { imapUnavailable, startImapServer } from '../../../test/imap-server.js';
import { runCli } from '../../../test/processes.js';
import { type JobDefinition, jobDefinitions, runJob } from '../../jobs/scheduler.js';
import type { Logger } from '../../lib/logger.js';
import { fetchMailbox } from './imap.service.js';
import { inboundService } from './inbound.service.js';

const fixtureDir = path.resolve(import.meta.dirname, '../../../test/fixtures/mail');
let serial = 0;

/** A hand-written .eml from test/fixtures/mail with its {{PLACEHOLDERS}} filled in (a fresh Message-ID each time). */
function fixture(name: string, values: Record<string, string | number> = {}): Buffer {
  const all: Record<string, string | number> = { ID: `${Date.now()}-${++serial}`, ...values };
  const text = readFileSync(path.join(fixtureDir, name), 'utf8').replace(/\{\{(\w+)\}\}/g, (m, k: string) =>
    k in all ? String(all[k]) : m,
  );
  return Buffer.from(text, 'utf8');
}

interface Detail {
  ticket: { id: string; number: number; subject: string; description: string };
  messages: { body: string; isInternal: boolean; author: { id: string }; attachments: { fileName: string }[] }[];
}

describe('incoming mail', () => {
  const t = useTestApp({
    SMTP_URL: 'smtp://127.0.0.1:2525',
    MAIL_FROM: 'Support <support@example.test>',
    PUBLIC_URL: 'https://help.example.test',
    MAIL_INBOUND_DEPARTMENT: 'Mail desk',
  });
  let customer: TestUser;
  let other: TestUser;
  let agent: TestUser;
  let admin: TestUser;
  let dept: { id: string };
  const service = () => inboundService({ config: t.config, database: t.database });

  beforeAll(async () => {
    const f = factories(t.database);
    dept = await f.department({ name: 'Mail desk' });
    customer = await f.user({ role: 'CUSTOMER', email: 'anna@customer.test', name: 'Anna Kunde' });
    other = await f.user({ role: 'CUSTOMER', email: 'otto@other.test' });
    agent = await f.user({ role: 'AGENT', departments: [dept], email: 'jonas@staff.test', name: 'Jonas Weber' });
    admin = await f.user({ role: 'SUPER_ADMIN' });
  });

  const detail = async (user: TestUser, ticketId: string) => {
    const res = await api(t, user).get(`/api/tickets/${ticketId}`);
    expect(res.statusCode).toBe(200);
    return res.json().data as Detail;
  };
  const outbox = (kind: string, to: string) =>
    t.database.query<{ subject: string; text_body: string; headers: Record<string, string> }>(
      'SELECT subject, text_body, headers FROM mail_outbox WHERE kind = $1 AND to_address = $2',
      [kind, to],
    );
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.database.query<{ n: number }>(sql, params))[0]?.n ?? -1;

  it('a new message from a customer opens a ticket in the mailbox department; the same Message-ID never again', async () => {
    const eml = fixture('new-ticket.eml', { FROM: customer.email });
    const first = await service().receive(eml);
    expect(first.outcome).toBe('ticket');
    const seen = await detail(customer, first.ticketId ?? '');
    expect(seen.ticket.subject).toBe('Printer on floor 3 is jammed');
    expect(seen.ticket.description).toContain('paper jam');
    const tickets = await count('SELECT count(*)::int AS n FROM tickets WHERE customer_id = $1', [customer.id]);
    expect(await service().receive(eml)).toMatchObject({ outcome: 'duplicate' });
    expect(await count('SELECT count(*)::int AS n FROM tickets WHERE customer_id = $1', [customer.id])).toBe(tickets);
    const [row] = await t.database.query<{ department_id: string }>('SELECT department_id FROM tickets WHERE id = $1', [
      first.ticketId,
    ]);
    expect(row?.department_id).toBe(dept.id);
  });

  it('a reply to our mail lands on its ticket without the quote and the signature; staff can download the original', async () => {
    const created = await service().receive(fixture('new-ticket.eml', { FROM: customer.email }));
    const ticketId = created.ticketId ?? '';
    const res = await api(t, agent).post(`/api/tickets/${ticketId}/messages`, {
      body: 'Please turn the printer off and on again.',
      isInternal: false,
    });
    expect(res.statusCode).toBe(201);
    // The agent's reply was queued to the customer in the event's transaction once the consumer runs;
    // an outgoing Message-ID of this ticket is what a mail client answers.
    await t.database.query(
      `INSERT INTO mail_outbox (message_id, kind, to_address, ticket_id, subject, text_body, html_body)
       VALUES ('<sent-${ticketId}@example.test>', 'agent_reply', $1, $2, 's', 't', 'h')`,
      [customer.email, ticketId],
    );
    const eml = fixture('reply-quoted.eml', {
      FROM: customer.email,
      NUMBER: 999999,
      SUBJECT: 'Printer',
      IN_REPLY_TO: `<sent-${ticketId}@example.test>`,
    });
    const result = await service().receive(eml);
    expect(result).toMatchObject({ outcome: 'reply', ticketId });
    const seen = await detail(customer, ticketId);
    const last = seen.messages.at(-1);
    expect(last?.author.id).toBe(customer.id);
    expect(last?.body.startsWith('Thanks, turning it off and on again fixed it.')).toBe(true);
    for (const gone of ['555-0100', 'wrote:', 'Please turn', '>']) expect(last?.body).not.toContain(gone);
    expect(await service().receive(eml)).toMatchObject({ outcome: 'duplicate' });
    expect((await detail(customer, ticketId)).messages).toHaveLength(seen.messages.length);

    const list = await api(t, agent).get(`/api/tickets/${ticketId}/mail-originals`);
    expect(list.statusCode).toBe(200);
    const originals = list.json().data as { id: string; outcome: string }[];
    expect(originals.map((o) => o.outcome)).toEqual(['ticket', 'reply']);
    const download = await api(t, agent).get(`/api/mail/inbound/${originals[1]?.id}/original`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('message/rfc822');
    expect(download.body).toContain('On Mon, 30 Nov 2026 at 09:30');
    // Customers never get the originals (they may hold quoted internal text of others).
    expect((await api(t, customer).get(`/api/tickets/${ticketId}/mail-originals`)).statusCode).toBe(403);
    expect((await api(t, customer).get(`/api/mail/inbound/${originals[1]?.id}/original`)).statusCode).toBe(404);
  });

  it('the originals are 404 for an agent of another department, and a malformed id is a 400', async () => {
    const created = await service().receive(fixture('new-ticket.eml', { FROM: customer.email }));
    const list = await api(t, agent).get(`/api/tickets/${created.ticketId}/mail-originals`);
    expect(list.statusCode).toBe(200);
    const [original] = list.json().data as { id: string; createdAt: string }[];
    expect(original?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await api(t, agent).get(`/api/mail/inbound/${original?.id}/original`)).statusCode).toBe(200);

    const f = factories(t.database);
    const outsider = await f.user({ role: 'AGENT', departments: [await f.department()] });
    expectError(await api(t, outsider).get(`/api/mail/inbound/${original?.id}/original`), 404, 'NOT_FOUND');
    expectError(await api(t, outsider).get(`/api/tickets/${created.ticketId}/mail-originals`), 404, 'NOT_FOUND');
    expectError(await api(t, agent).get('/api/mail/inbound/not-an-id/original'), 400, 'VALIDATION_ERROR');
  });

  it("a ticket number in the subject counts only when the ticket is the sender's", async () => {
    const mine = await service().receive(fixture('new-ticket.eml', { FROM: customer.email }));
    const number = (await detail(customer, mine.ticketId ?? '')).ticket.number;
    const byNumber = fixture('reply-quoted.eml', {
      FROM: customer.email,
      NUMBER: number,
      SUBJECT: 'Printer',
      IN_REPLY_TO: '<unknown@elsewhere.test>',
    });
    expect(await service().receive(byNumber)).toMatchObject({ outcome: 'reply', ticketId: mine.ticketId });
    // Otto quotes Anna's number: he gets a ticket of his own, Anna's ticket is untouched.
    const before = (await detail(customer, mine.ticketId ?? '')).messages.length;
    const foreign = fixture('reply-quoted.eml', {
      FROM: other.email,
      NUMBER: number,
      SUBJECT: 'Printer',
      IN_REPLY_TO: '<unknown@elsewhere.test>',
    });
    const result = await service().receive(foreign);
    expect(result.outcome).toBe('ticket');
    expect(result.ticketId).not.toBe(mine.ticketId);
    expect((await detail(customer, mine.ticketId ?? '')).messages).toHaveLength(before);
  });

  it('auto-replies and bounces make no ticket and get no answer', async () => {
    const tickets = await count('SELECT count(*)::int AS n FROM tickets');
    const mails = await count('SELECT count(*)::int AS n FROM mail_outbox');
    expect(await service().receive(fixture('auto-reply.eml', { FROM: customer.email, NUMBER: 1 }))).toMatchObject({
      outcome: 'ignored',
      reason: 'Auto-Submitted: auto-replied',
    });
    expect(await service().receive(fixture('bounce.eml'))).toMatchObject({ outcome: 'ignored' });
    expect(await count('SELECT count(*)::int AS n FROM tickets')).toBe(tickets);
    expect(await count('SELECT count(*)::int AS n FROM mail_outbox')).toBe(mails);
  });

  it('decodes quoted-printable and base64 German text and an encoded subject', async () => {
    const result = await service().receive(fixture('german-encoded.eml', { FROM: customer.email }));
    expect(result.outcome).toBe('ticket');
    const seen = await detail(customer, result.ticketId ?? '');
    expect(seen.ticket.subject).toBe('Drucker-Störung im Büro');
    expect(seen.ticket.description).toContain('Grüße aus München! Der Drucker läuft wieder nicht');
    expect(seen.ticket.description).toContain('„Papierstau“');
  });

  it('keeps allowed attachments and tells the sender about refused ones', async () => {
    const result = await service().receive(fixture('attachment.eml', { FROM: customer.email }));
    expect(result.outcome).toBe('ticket');
    const files = await api(t, customer).get(`/api/tickets/${result.ticketId}/attachments`);
    expect(files.statusCode).toBe(200);
    expect((files.json().data as { fileName: string }[]).map((f) => f.fileName)).toEqual(['invoice.pdf']);
    const [told] = await outbox('inbound_files_refused', customer.email);
    expect(told?.text_body).toContain('tool.exe (type)');
    expect(told?.headers['Auto-Submitted']).toBe('auto-replied');
  });

  it('an agent address is an agent reply only from a trusted mailbox with SPF or DKIM passing', async () => {
    const created = await service().receive(fixture('new-ticket.eml', { FROM: customer.email }));
    const number = (await detail(customer, created.ticketId ?? '')).ticket.number;
    const values = { FROM: agent.email, NUMBER: number, SUBJECT: 'Printer' };
    // Spoofed: the header says SPF failed, and the mailbox is not trusted anyway.
    const spoofed = await service().receive(fixture('agent-reply.eml', { ...values, AUTH: 'spf=fail' }));
    expect(spoofed).toMatchObject({ outcome: 'refused', reason: 'staff address not authenticated' });
    const trustedConfig = { ...t.config, mailInbound: { ...t.config.mailInbound, trusted: true } };
    const trusted = inboundService({ config: trustedConfig, database: t.database });
    const stillSpoofed = await trusted.receive(fixture('agent-reply.eml', { ...values, AUTH: 'spf=fail' }));
    expect(stillSpoofed.outcome).toBe('refused');
    expect((await detail(customer, created.ticketId ?? '')).messages).toHaveLength(0);
    const genuine = await trusted.receive(fixture('agent-reply.eml', { ...values, AUTH: 'spf=pass' }));
    expect(genuine).toMatchObject({ outcome: 'agent_reply', ticketId: created.ticketId });
    const last = (await detail(customer, created.ticketId ?? '')).messages.at(-1);
    expect(last?.author.id).toBe(agent.id);
    expect(last?.body).toBe('We sent a technician; it is fixed.');
  });

  it('an unknown sender gets a polite answer when self-signup is off, and an account and ticket when it is on', async () => {
    expect((await api(t, admin).patch('/api/settings', { selfSignup: false })).statusCode).toBe(200);
    const refused = await service().receive(fixture('new-ticket.eml', { FROM: 'stranger@nowhere.test' }));
    expect(refused).toMatchObject({ outcome: 'refused', reason: 'unknown sender' });
    const [answer] = await outbox('inbound_refused', 'stranger@nowhere.test');
    expect(answer?.subject).toBe('Re: Printer on floor 3 is jammed');
    expect(answer?.headers['In-Reply-To']).toBe(refused.messageId);
    expect(await count("SELECT count(*)::int AS n FROM users WHERE email = 'stranger@nowhere.test'")).toBe(0);

    expect((await api(t, admin).patch('/api/settings', { selfSignup: true })).statusCode).toBe(200);
    const accepted = await service().receive(fixture('new-ticket.eml', { FROM: 'newbie@nowhere.test' }));
    expect(accepted.outcome).toBe('ticket');
    const [user] = await t.database.query<{ id: string; name: string }>(
      "SELECT id, name FROM users WHERE email = 'newbie@nowhere.test'",
    );
    expect(user?.name).toBe('Anna Kunde');
    const [ticket] = await t.database.query<{ customer_id: string }>('SELECT customer_id FROM tickets WHERE id = $1', [
      accepted.ticketId,
    ]);
    expect(ticket?.customer_id).toBe(user?.id);
  });

  it('counts messages per sender and stops importing past the limit', async () => {
    const limited = {
      ...t.config,
      writeLimits: { ...t.config.writeLimits, inbound: { sender: 2 } },
    };
    const svc = inboundService({ config: limited, database: t.database });
    const sender = await factories(t.database).user({ role: 'CUSTOMER' });
    const outcomes = [];
    for (let i = 0; i < 3; i++)
      outcomes.push((await svc.receive(fixture('new-ticket.eml', { FROM: sender.email }))).outcome);
    expect(outcomes).toEqual(['ticket', 'ticket', 'rate_limited']);
  });
});

describe('helpdesk mail:receive', () => {
  it('imports a message piped on standard input and prints what happened', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-mailin-'));
    try {
      const env = { DATA_DIR: path.join(dir, 'data'), UPLOAD_DIR: path.join(dir, 'uploads'), DATABASE_URL: undefined };
      const eml = fixture('auto-reply.eml', { FROM: 'anna@customer.test', NUMBER: 1 }).toString('utf8');
      const first = await runCli(['mail:receive'], env, eml);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('ignored: Auto-Submitted: auto-replied');
      const again = await runCli(['mail:receive'], env, eml);
      expect(again.stdout).toContain('duplicate');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const noImap = imapUnavailable();

describe.skipIf(noImap)(`IMAP fetch against Dovecot${noImap ? ` (skipped: ${noImap})` : ''}`, () => {
  let imap: Awaited<ReturnType<typeof startImapServer>>;
  const t = useTestApp({ MAIL_INBOUND_DEPARTMENT: 'Imap desk' });
  let customer: TestUser;

  beforeAll(async () => {
    imap = await startImapServer();
    const f = factories(t.database);
    await f.department({ name: 'Imap desk' });
    customer = await f.user({ role: 'CUSTOMER' });
    return () => imap.stop();
  });

  it('imports unseen messages once, marks them \\Seen, and the job runs it on one instance', async () => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: imap.port,
      secure: false,
      auth: { user: 'helpdesk', pass: 'secret' },
      logger: false,
    });
    await client.connect();
    await client.append('INBOX', fixture('new-ticket.eml', { FROM: customer.email }));
    await client.append('INBOX', fixture('auto-reply.eml', { FROM: customer.email, NUMBER: 1 }));
    const config = { ...t.config, mailInbound: { ...t.config.mailInbound, imapUrl: imap.url } };
    const job = jobDefinitions(config).find((j) => j.name === 'mail-fetch');
    expect(job?.cron).toBe('* * * * *');
    const logger = t.app.log as unknown as Logger;
    expect(await runJob({ config, database: t.database, logger }, job as JobDefinition)).toBe('succeeded');
    const [run] = await t.database.query<{ summary: Record<string, number> }>(
      "SELECT summary FROM job_runs WHERE job = 'mail-fetch' ORDER BY started_at DESC LIMIT 1",
    );
    expect(run?.summary).toMatchObject({ fetched: 2, ticket: 1, ignored: 1 });
    const list = await api(t, customer).get('/api/tickets');
    expect((list.json().data as { subject: string }[]).map((r) => r.subject)).toEqual(['Printer on floor 3 is jammed']);
    // Processed messages are \Seen: the next fetch finds nothing to do.
    expect(await fetchMailbox({ config, database: t.database })).toMatchObject({ fetched: 0 });
    const lock = await client.getMailboxLock('INBOX');
    try {
      expect(await client.search({ seen: false }, { uid: true })).toEqual([]);
    } finally {
      lock.release();
    }
    await client.logout();
  });
});
