import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { buildTestApp, type TestApp, useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { runCli } from '../../../test/processes.js';
import { header, startSmtpPeer, textOf } from '../../../test/smtp-peer.js';
import { startMailWorkers } from '../../jobs/mail-workers.js';
import type { Workers } from '../../jobs/workers.js';
import type { Logger } from '../../lib/logger.js';
import { backoffMs } from '../events/events.service.js';
import { smtpTransport } from './mail.service.js';

let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(() => peer.close());

let clock = new Date();
const now = () => clock;

describe('outgoing mail', () => {
  let t: TestApp;
  let workers: Workers;
  let customer: TestUser;
  let agent: TestUser;
  let maya: TestUser;
  let dept: { id: string };

  beforeAll(async () => {
    t = await buildTestApp(
      {
        SMTP_URL: `smtp://127.0.0.1:${peer.port}`,
        MAIL_FROM: 'Support Team <support@example.test>',
        PUBLIC_URL: 'https://help.example.test',
      },
      { now },
    );
    const f = factories(t.database);
    dept = await f.department();
    customer = await f.user({ role: 'CUSTOMER' });
    agent = await f.user({ role: 'AGENT', departments: [dept], name: 'Jonas Weber' });
    maya = await f.user({ role: 'AGENT', departments: [dept], name: 'Maya Patel' });
    const logger = t.app.log as unknown as Logger;
    workers = (await startMailWorkers(
      { config: t.config, database: t.database, logger, now },
      { start: false },
    )) as Workers;
  });
  afterAll(async () => {
    await t.close();
  });

  const mailsTo = (user: TestUser) => peer.received.filter((m) => m.to.includes(user.email));

  async function newTicket() {
    const res = await api(t, customer).post('/api/tickets', {
      subject: 'VPN <drops> & reconnects',
      description: 'Every hour',
      departmentId: dept.id,
    });
    expect(res.statusCode).toBe(201);
    return res.json().data.ticket as { id: string; number: number };
  }

  it('a new ticket mails its customer, with the sender name, Message-ID of the outbox and escaped HTML', async () => {
    const ticket = await newTicket();
    await workers.drain();
    const [mail] = mailsTo(customer);
    expect(mail).toBeDefined();
    const raw = mail?.raw ?? '';
    expect(header(raw, 'From')).toBe('Support Team <support@example.test>');
    expect(header(raw, 'Subject')).toContain(`[#${ticket.number}]`);
    const [row] = await t.database.query<{ message_id: string; state: string }>(
      "SELECT message_id, state FROM mail_outbox WHERE ticket_id = $1 AND kind = 'ticket_received'",
      [ticket.id],
    );
    expect(row?.state).toBe('sent');
    expect(header(raw, 'Message-ID')).toBe(row?.message_id);
    expect(header(raw, 'Auto-Submitted')).toBe('auto-generated');
    const body = textOf(raw);
    expect(body).toContain('VPN &lt;drops&gt; &amp; reconnects');
    expect(body).toContain(`https://help.example.test/tickets/${ticket.id}`);
  });

  it('an agent reply reaches the customer with its text; internal notes never reach the customer', async () => {
    const ticket = await newTicket();
    await workers.drain();
    const before = mailsTo(customer).length;
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, {
      body: 'SECRET-NOTE the gateway is EOL',
      isInternal: true,
    });
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'We replaced the gateway.' });
    await workers.drain();
    const mails = mailsTo(customer).slice(before);
    expect(mails).toHaveLength(1);
    expect(textOf(mails[0]?.raw ?? '')).toContain('We replaced the gateway.');
    for (const m of peer.received) expect(m.raw).not.toContain('SECRET-NOTE');
  });

  it('a mentioned agent gets the note; the customer gets the resolution with a working rating link', async () => {
    const ticket = await newTicket();
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, {
      body: '@maya please check the logs',
      isInternal: true,
    });
    const statuses = (await api(t, agent).get('/api/statuses')).json().data as { id: string; name: string }[];
    const resolved = statuses.find((s) => s.name === 'Resolved');
    const current = (await api(t, agent).get(`/api/tickets/${ticket.id}`)).json().data.ticket;
    expect(
      (await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: current.version, statusId: resolved?.id }))
        .statusCode,
    ).toBe(200);
    await workers.drain();
    const mention = mailsTo(maya).find((m) => textOf(m.raw).includes('please check the logs'));
    expect(mention).toBeDefined();
    const resolution = mailsTo(customer).find((m) => header(m.raw, 'Subject')?.includes('Resolved'));
    expect(resolution).toBeDefined();
    expect(textOf(resolution?.raw ?? '')).not.toContain('please check the logs');
    const token = /\/rate\?token=([\w-]+)/.exec(textOf(resolution?.raw ?? ''))?.[1];
    expect(token).toBeDefined();
    const link = await api(t).post('/api/satisfaction/link', { token });
    expect(link.statusCode, link.body).toBe(200);
  });

  it('changes that mail no one (subject, an open status) queue nothing; closing mails the customer', async () => {
    const ticket = await newTicket();
    const kinds = async () =>
      (
        await t.database.query<{ kind: string }>('SELECT kind FROM mail_outbox WHERE ticket_id = $1 ORDER BY kind', [
          ticket.id,
        ])
      ).map((r) => r.kind);
    const statuses = (await api(t, agent).get('/api/statuses')).json().data as {
      id: string;
      isClosed: boolean;
      isDefault: boolean;
    }[];
    const change = async (body: object) => {
      const current = (await api(t, agent).get(`/api/tickets/${ticket.id}`)).json().data.ticket;
      const res = await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: current.version, ...body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await change({ subject: 'VPN drops every hour' });
    await change({ statusId: statuses.find((x) => !x.isClosed && !x.isDefault)?.id });
    await workers.drain();
    expect(await kinds()).toEqual(['ticket_received']);
    await change({ statusId: statuses.find((x) => x.isClosed)?.id });
    await workers.drain();
    expect(await kinds()).toEqual(['ticket_received', 'ticket_resolved']);
  });

  it('a customer message mails the owner and every follower once; an SLA breach mails the assignee', async () => {
    const ticket = await newTicket();
    const assigned = await api(t, agent).patch(`/api/tickets/${ticket.id}`, { version: 1, assignedToId: agent.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await api(t, maya).put(`/api/tickets/${ticket.id}/followers/me`)).statusCode).toBe(200);
    await workers.drain();
    const before = { agent: mailsTo(agent).length, maya: mailsTo(maya).length };
    await api(t, customer).post(`/api/tickets/${ticket.id}/messages`, { body: 'Still dropping every hour' });
    await workers.drain();
    for (const [who, n] of [
      [agent, before.agent],
      [maya, before.maya],
    ] as const) {
      const got = mailsTo(who).slice(n);
      expect(got).toHaveLength(1);
      expect(textOf(got[0]?.raw ?? '')).toContain('Still dropping every hour');
    }

    // A 24/7 policy with a 30-minute first response for this department: the clock runs out.
    const admin = await factories(t.database).user({ role: 'ADMIN' });
    const [normal] = await t.database.query<{ id: string }>("SELECT id FROM ticket_priorities WHERE name = 'Normal'");
    const calendar = await api(t, admin).post('/api/sla/calendars', {
      name: 'Always (mail test)',
      timeZone: 'UTC',
      isDefault: false,
      hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })),
      holidays: [],
    });
    expect(calendar.statusCode, calendar.body).toBe(201);
    const policy = await api(t, admin).post('/api/sla/policies', {
      name: 'Mail test',
      departmentId: dept.id,
      calendarId: calendar.json().data.id,
      warningPercent: 80,
      targets: [{ priorityId: normal?.id, firstResponseMinutes: 30, nextResponseMinutes: 30, resolutionMinutes: 480 }],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const late = await newTicket();
    expect(
      (await api(t, agent).patch(`/api/tickets/${late.id}`, { version: 1, assignedToId: agent.id })).statusCode,
    ).toBe(200);
    await workers.drain();
    const seen = mailsTo(agent).length;
    const { runSlaAlerts } = await import('../sla/sla.service.js');
    expect((await runSlaAlerts(t.database, new Date(clock.getTime() + 60 * 60_000))).breaches).toBeGreaterThan(0);
    await workers.drain();
    const breach = mailsTo(agent)
      .slice(seen)
      .filter((m) => header(m.raw, 'Subject')?.includes(`[#${late.number}] SLA breached`));
    expect(breach).toHaveLength(1);
    expect(textOf(breach[0]?.raw ?? '')).toContain('first response');
    for (const m of mailsTo(customer)) expect(header(m.raw, 'Subject') ?? '').not.toContain('SLA');
  });

  it('a refused delivery is retried with backoff on the clock and then sent once', async () => {
    peer.refuse = true;
    const ticket = await newTicket();
    await workers.drain();
    const query = () =>
      t.database.query<{ state: string; attempts: number; next: string; last_error: string | null }>(
        "SELECT state, attempts, next_attempt_at AS next, last_error FROM mail_outbox WHERE ticket_id = $1 AND kind = 'ticket_received'",
        [ticket.id],
      );
    let [row] = await query();
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row?.last_error).toContain('try later');
    expect(new Date(row?.next as string).getTime()).toBe(clock.getTime() + backoffMs(1));

    peer.refuse = false;
    await workers.drain(); // not due yet
    [row] = await query();
    expect(row?.state).toBe('pending');
    clock = new Date(clock.getTime() + backoffMs(1));
    await workers.drain();
    [row] = await query();
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    const sent = peer.received.filter((m) => header(m.raw, 'Subject')?.includes(`[#${ticket.number}]`));
    expect(sent).toHaveLength(1);
  });

  it('two senders at once never send one message twice', async () => {
    const tickets = [];
    for (let i = 0; i < 4; i++) tickets.push(await newTicket());
    // Queue the mails, then let two independent senders (two transports) race for them.
    const other = (await startMailWorkers(
      { config: t.config, database: t.database, logger: t.app.log as unknown as Logger, now },
      { start: false, transport: await smtpTransport(t.config.mail as NonNullable<typeof t.config.mail>) },
    )) as Workers;
    await Promise.all([workers.drain(), other.drain()]);
    const ids = peer.received.map((m) => header(m.raw, 'Message-ID'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const ticket of tickets) {
      expect(peer.received.filter((m) => header(m.raw, 'Subject')?.includes(`[#${ticket.number}]`))).toHaveLength(1);
    }
  });

  it('a user who turned a kind off gets none of it', async () => {
    const put = await api(t, customer).put('/api/me/mail-preferences', { ticketReceived: false });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().data.preferences).toMatchObject({ ticketReceived: false, agentReply: true });
    const before = mailsTo(customer).length;
    await newTicket();
    await workers.drain();
    expect(mailsTo(customer).length).toBe(before);
    await api(t, customer).put('/api/me/mail-preferences', { ticketReceived: true });
  });
  it('"Forgot password?" mails a single-use link to a known address and answers unknown ones the same', async () => {
    const unknown = await api(t).post('/api/auth/forgot-password', { email: 'nobody@example.test' });
    const forgetful = await factories(t.database).user({ role: 'CUSTOMER' });
    const known = await api(t).post('/api/auth/forgot-password', { email: forgetful.email.toUpperCase() });
    expect(unknown.statusCode).toBe(200);
    expect(known.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    const before = peer.received.length;
    await workers.drain();
    const mails = peer.received.slice(before);
    expect(mails.map((m) => m.to)).toEqual([[forgetful.email]]);
    const token = /\/reset-password\?token=([\w%-]+)/.exec(textOf(mails[0]?.raw ?? ''))?.[1];
    expect(token).toBeDefined();
    const body = { token: decodeURIComponent(token as string), password: 'a-much-better-passphrase-42' };
    expect((await api(t).post('/api/auth/reset-password', body)).statusCode).toBe(200);
    expect((await api(t).post('/api/auth/reset-password', body)).statusCode).toBe(400);
    const bad = await api(t).post('/api/auth/forgot-password', { email: 'not an address' });
    expect(bad.statusCode).toBe(400);
  });

  it("an admin's reset link for a new user goes out as an invitation by mail", async () => {
    const admin = await factories(t.database).user({ role: 'ADMIN' });
    const invitee = await factories(t.database).user({ role: 'AGENT', departments: [dept] });
    const res = await api(t, admin).post(`/api/users/${invitee.id}/reset-link`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.mailed).toBe(true);
    await workers.drain();
    const [mail] = mailsTo(invitee);
    expect(header(mail?.raw ?? '', 'Subject')).toContain('invited');
    expect(textOf(mail?.raw ?? '')).toContain(`https://help.example.test${res.json().data.url}`);
  });

  it('a refused address is kept as failed for admins, who may send it again', async () => {
    const admin = await factories(t.database).user({ role: 'ADMIN' });
    peer.permanent = true;
    const ticket = await newTicket();
    await workers.drain();
    peer.permanent = false;
    expect((await api(t, agent).get('/api/mail/failures')).statusCode).toBe(403);
    const list = await api(t, admin).get('/api/mail/failures');
    expect(list.statusCode).toBe(200);
    const failed = (list.json().data as { id: string; subject: string; state: string; lastError: string }[]).find((m) =>
      m.subject.includes(`[#${ticket.number}]`),
    );
    expect(failed).toMatchObject({ state: 'failed' });
    expect(failed?.lastError).toContain('No such user');
    expect(JSON.stringify(list.json().data)).not.toContain('Every hour');
    const retry = await api(t, admin).post(`/api/mail/failures/${failed?.id}/retry`);
    expect(retry.statusCode).toBe(200);
    await workers.drain();
    expect(peer.received.filter((m) => header(m.raw, 'Subject')?.includes(`[#${ticket.number}]`))).toHaveLength(1);
    const again = await api(t, admin).post(`/api/mail/failures/${failed?.id}/retry`);
    expect(again.statusCode).toBe(404);
  });

  it('mail preferences: PUT answers what GET then shows; a bad body is a 400 and changes nothing', async () => {
    const before = await api(t, maya).get('/api/me/mail-preferences');
    expect(before.statusCode).toBe(200);
    expect(before.json().data).toMatchObject({ mailConfigured: true, preferences: { mentioned: true } });
    for (const body of [{ mentioned: 'no' }, { mentioned: false, noSuchKind: false }, [false]]) {
      expectError(await api(t, maya).put('/api/me/mail-preferences', body), 400, 'VALIDATION_ERROR');
    }
    expect((await api(t, maya).get('/api/me/mail-preferences')).body).toBe(before.body);
    const put = await api(t, maya).put('/api/me/mail-preferences', { mentioned: false });
    expect(put.statusCode).toBe(200);
    expect(put.json().data.preferences).toEqual({ ...before.json().data.preferences, mentioned: false });
    expect((await api(t, maya).get('/api/me/mail-preferences')).body).toBe(put.body);
    await api(t, maya).put('/api/me/mail-preferences', { mentioned: true });
  });

  it('retrying a failure: 403 for staff without settings.manage, 400 for a malformed id, 404 for an unknown one', async () => {
    const admin = await factories(t.database).user({ role: 'ADMIN' });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(await api(t, agent).post(`/api/mail/failures/${unknown}/retry`), 403, 'FORBIDDEN');
    expectError(await api(t, admin).post('/api/mail/failures/not-an-id/retry'), 400, 'VALIDATION_ERROR');
    expectError(await api(t, admin).post(`/api/mail/failures/${unknown}/retry`), 404, 'NOT_FOUND');
  });

  it('"Forgot password?" is limited per address asked for, with the standard 429', async () => {
    const forgetful = await factories(t.database).user({ role: 'CUSTOMER' });
    const ask = (email: string) => api(t).post('/api/auth/forgot-password', { email });
    for (let i = 0; i < 3; i++) expect((await ask(forgetful.email)).statusCode).toBe(200);
    const limited = await ask(forgetful.email.toUpperCase());
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address from the same client is not held back.
    expect((await ask('someone.else@example.test')).statusCode).toBe(200);
    const before = peer.received.length;
    await workers.drain();
    expect(peer.received.slice(before).filter((m) => m.to.includes(forgetful.email))).toHaveLength(3);
  });

  it('/metrics shows the mail consumer and the outbox', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.body).toMatch(/helpdesk_event_consumer_lag\{consumer="mail"\} 0/);
    expect(res.body).toMatch(/helpdesk_mail_outbox_messages\{state="sent"\} [1-9]/);
    expect(res.body).toMatch(/helpdesk_event_consumer_failures\{consumer="mail",state="dead"\} 0/);
  });
});

describe('helpdesk mail:test', () => {
  it('sends a test message through SMTP_URL, and says so when mail is not configured', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-mailtest-'));
    try {
      const env = { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: undefined };
      const sent = await runCli(['mail:test', 'ops@example.test'], {
        ...env,
        SMTP_URL: `smtp://127.0.0.1:${peer.port}`,
        MAIL_FROM: 'Ops <ops-sender@example.test>',
      });
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stdout).toContain('Sent to ops@example.test');
      const mail = peer.received.find((m) => m.to.includes('ops@example.test'));
      expect(header(mail?.raw ?? '', 'From')).toBe('Ops <ops-sender@example.test>');
      const off = await runCli(['mail:test', 'ops@example.test'], env);
      expect(off.code).toBe(1);
      expect(off.stderr).toContain('SMTP_URL');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('without SMTP_URL', () => {
  const t = useTestApp();

  it('queues and sends nothing and has no mail consumer', async () => {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user({ role: 'CUSTOMER' });
    expect(
      await startMailWorkers({ config: t.config, database: t.database, logger: t.app.log as unknown as Logger }),
    ).toBeUndefined();
    const res = await api(t, customer).post('/api/tickets', {
      subject: 'Hi',
      description: 'There',
      departmentId: dept.id,
    });
    expect(res.statusCode).toBe(201);
    const [{ n } = { n: -1 }] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM mail_outbox');
    expect(n).toBe(0);
    const consumers = await t.database.query('SELECT consumer FROM event_consumers');
    expect(consumers).toEqual([]);
  });
});
