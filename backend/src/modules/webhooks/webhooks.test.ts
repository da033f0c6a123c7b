import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { startWebhookWorkers } from '../../jobs/webhook-workers.js';
import type { Workers } from '../../jobs/workers.js';
import type { Logger } from '../../lib/logger.js';
import { backoffMs } from '../events/events.service.js';
import { MAX_DELIVERY_ATTEMPTS } from './webhooks.service.js';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on loopback: keeps every request; answers what `answers` says (200 when empty). */
function receiver() {
  const r = {
    received: [] as Received[],
    answers: [] as number[],
    port: 0,
    server: http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        r.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = r.answers.shift() ?? 200;
        if (status >= 300 && status < 400) res.setHeader('location', 'http://169.254.169.254/latest/meta-data');
        res.writeHead(status).end('ok');
      });
    }),
  };
  return r;
}

const peer = receiver();
beforeAll(async () => {
  await new Promise<void>((resolve) => peer.server.listen(0, '127.0.0.1', resolve));
  peer.port = (peer.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => peer.server.close(() => resolve()));
});

let clock = new Date('2026-06-01T10:00:00Z');
const now = () => clock;

describe('webhooks', () => {
  let t: TestApp;
  let workers: Workers;
  let admin: TestUser;
  let agent: TestUser;
  let customer: TestUser;
  let dept: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    t = await buildTestApp({ WEBHOOK_ALLOW_NETWORKS: '127.0.0.0/8' }, { now });
    const f = factories(t.database);
    dept = await f.department();
    other = await f.department();
    admin = await f.user({ role: 'ADMIN' });
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    customer = await f.user({ role: 'CUSTOMER' });
    workers = await startWebhookWorkers(
      { config: t.config, database: t.database, logger: t.app.log as unknown as Logger, now },
      { start: false },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const url = (p: string) => `http://127.0.0.1:${peer.port}${p}`;
  const to = (p: string) => peer.received.filter((r) => r.path === p);

  async function hook(path: string, extra: Record<string, unknown> = {}) {
    const res = await api(t, admin).post('/api/webhooks', {
      name: `Hook ${path}`,
      url: url(path),
      events: ['ticket.created', 'message.added'],
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data as { endpoint: { id: string }; secret: string };
  }

  async function newTicket(departmentId = dept.id) {
    const res = await api(t, customer).post('/api/tickets', {
      subject: 'Printer on fire',
      description: 'Smoke from tray 2',
      departmentId,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data.ticket as { id: string; number: number };
  }

  it('posts a signed JSON event that the receiver can verify, once per endpoint and event', async () => {
    const { endpoint, secret } = await hook('/signed');
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: the list does not carry it.
    const list = await api(t, admin).get('/api/webhooks');
    expect(list.body).not.toContain(secret);
    const ticket = await newTicket();
    await workers.drain();
    const [req] = to('/signed');
    expect(req).toBeDefined();
    const r = req as Received;
    expect(r.headers['x-helpdesk-event']).toBe('ticket.created');
    expect(r.headers['content-type']).toBe('application/json');
    const timestamp = r.headers['x-helpdesk-timestamp'] as string;
    expect(Number(timestamp)).toBe(Math.floor(clock.getTime() / 1000));
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
    expect(r.headers['x-helpdesk-signature']).toBe(expected);
    const body = JSON.parse(r.body);
    expect(body.event.type).toBe('ticket.created');
    expect(body.ticket).toMatchObject({ id: ticket.id, number: ticket.number, subject: 'Printer on fire' });
    const deliveries = await api(t, admin).get(`/api/webhooks/${endpoint.id}/deliveries`);
    expect(deliveries.json().data).toMatchObject([
      { id: r.headers['x-helpdesk-delivery'], state: 'delivered', attempts: 1, lastStatus: 200 },
    ]);
    await workers.drain();
    expect(to('/signed')).toHaveLength(1);
    await api(t, admin).patch(`/api/webhooks/${endpoint.id}`, { active: false });
  });

  it('a receiver answering 500 then 200 gets the delivery once more, with the same id, after the backoff', async () => {
    const { endpoint } = await hook('/flaky');
    peer.answers.push(500);
    await newTicket();
    await workers.drain();
    expect(to('/flaky')).toHaveLength(1);
    const listed = await api(t, admin).get(`/api/webhooks/${endpoint.id}/deliveries`);
    expect(listed.json().data[0]).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500 });
    // Not due before its backoff has passed on the app's clock.
    clock = new Date(clock.getTime() + backoffMs(1) - 1000);
    await workers.drain();
    expect(to('/flaky')).toHaveLength(1);
    clock = new Date(clock.getTime() + 1000);
    await workers.drain();
    const [first, second] = to('/flaky');
    expect(second).toBeDefined();
    expect(second?.headers['x-helpdesk-delivery']).toBe(first?.headers['x-helpdesk-delivery']);
    expect(second?.body).toBe(first?.body);
    const after = await api(t, admin).get(`/api/webhooks/${endpoint.id}/deliveries`);
    expect(after.json().data[0]).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200 });
    await api(t, admin).patch(`/api/webhooks/${endpoint.id}`, { active: false });
  });

  it('passes over events no active endpoint subscribes to; one switched on gets only its types, from then on', async () => {
    const { endpoint } = await hook('/replies-only', { events: ['message.added'] });
    await api(t, admin).patch(`/api/webhooks/${endpoint.id}`, { active: false });
    const reply = async (ticketId: string, body: string) =>
      expect((await api(t, agent).post(`/api/tickets/${ticketId}/messages`, { body })).statusCode).toBe(201);
    const before = await newTicket();
    await reply(before.id, 'While switched off');
    await workers.drain();
    await api(t, admin).patch(`/api/webhooks/${endpoint.id}`, { active: true });
    const after = await newTicket();
    await workers.drain();
    expect(to('/replies-only')).toHaveLength(0);
    await reply(after.id, 'Switched on');
    await workers.drain();
    expect(to('/replies-only').map((r) => JSON.parse(r.body))).toMatchObject([
      { event: { type: 'message.added' }, ticket: { id: after.id }, message: { body: 'Switched on' } },
    ]);
    const deliveries = await api(t, admin).get(`/api/webhooks/${endpoint.id}/deliveries`);
    expect(deliveries.json().data).toHaveLength(1);
    await api(t, admin).patch(`/api/webhooks/${endpoint.id}`, { active: false });
  });

  it('internal notes go only to endpoints that opted in; the department filter holds', async () => {
    const plain = await hook('/plain', { events: ['message.added'] });
    const internal = await hook('/internal', { events: ['message.added'], includeInternal: true });
    const elsewhere = await hook('/elsewhere', { events: ['message.added', 'ticket.created'], departmentId: other.id });
    const ticket = await newTicket();
    const note = await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, {
      body: 'Customer is on the legacy plan',
      isInternal: true,
    });
    expect(note.statusCode, note.body).toBe(201);
    await api(t, agent).post(`/api/tickets/${ticket.id}/messages`, { body: 'We are on it.' });
    await workers.drain();
    const bodies = (p: string) => to(p).map((r) => JSON.parse(r.body).message?.body);
    expect(bodies('/plain')).toEqual(['We are on it.']);
    expect(bodies('/internal')).toEqual(['Customer is on the legacy plan', 'We are on it.']);
    expect(
      to('/plain')
        .map((r) => r.body)
        .join(''),
    ).not.toContain('legacy plan');
    expect(to('/elsewhere')).toHaveLength(0);
    for (const h of [plain, internal, elsewhere]) {
      await api(t, admin).patch(`/api/webhooks/${h.endpoint.id}`, { active: false });
    }
  });

  it('gives up after the last attempt, shows it as failed, and "send again" delivers it with the same id', async () => {
    const { endpoint } = await hook('/down', { events: ['ticket.created'] });
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) peer.answers.push(i === 0 ? 302 : 503);
    await newTicket();
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await workers.drain();
      clock = new Date(clock.getTime() + backoffMs(i + 1));
    }
    expect(to('/down')).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    const listed = (await api(t, admin).get(`/api/webhooks/${endpoint.id}/deliveries`)).json().data;
    expect(listed[0]).toMatchObject({ state: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, lastStatus: 503 });
    const endpoints = (await api(t, admin).get('/api/webhooks')).json().data as { id: string; failed: number }[];
    expect(endpoints.find((e) => e.id === endpoint.id)?.failed).toBe(1);
    const again = await api(t, admin).post(`/api/webhooks/${endpoint.id}/deliveries/${listed[0].id}/send-again`);
    expect(again.statusCode, again.body).toBe(200);
    await workers.drain();
    const all = to('/down');
    expect(all).toHaveLength(MAX_DELIVERY_ATTEMPTS + 1);
    expect(new Set(all.map((r) => r.headers['x-helpdesk-delivery'])).size).toBe(1);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(metrics.body).toContain(`helpdesk_webhook_deliveries{endpoint="${endpoint.id}",state="failed"} 0`);
    expect(metrics.body).toContain(`helpdesk_webhook_deliveries{endpoint="${endpoint.id}",state="pending"} 0`);
    expect(metrics.body).toContain(`helpdesk_webhook_lag_seconds{endpoint="${endpoint.id}"} 0`);
    await api(t, admin).patch(`/api/webhooks/${endpoint.id}`, { active: false });
  });

  it('turns an endpoint off after five deliveries in a row were given up', async () => {
    const { endpoint } = await hook('/dead', { events: ['ticket.created'] });
    await t.database.query('UPDATE webhook_endpoints SET failures_in_row = 4 WHERE id = $1', [endpoint.id]);
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) peer.answers.push(500);
    await newTicket();
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await workers.drain();
      clock = new Date(clock.getTime() + backoffMs(i + 1));
    }
    const got = (await api(t, admin).get(`/api/webhooks/${endpoint.id}`)).json().data;
    expect(got).toMatchObject({ active: false, disabledReason: expect.stringContaining('5 deliveries') });
    // Nothing more is queued for a switched-off endpoint.
    await newTicket();
    await workers.drain();
    expect(to('/dead')).toHaveLength(MAX_DELIVERY_ATTEMPTS);
  });

  it('two workers never deliver one delivery twice', async () => {
    const { endpoint } = await hook('/race', { events: ['ticket.created'] });
    for (let i = 0; i < 4; i++) await newTicket();
    const second = await startWebhookWorkers(
      { config: t.config, database: t.database, logger: t.app.log as unknown as Logger, now },
      { start: false },
    );
    await Promise.all([workers.drain(), second.drain()]);
    const ids = to('/race').map((r) => r.headers['x-helpdesk-delivery']);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    await api(t, admin).patch(`/api/webhooks/${endpoint.id}`, { active: false });
  });

  it('only admins manage webhooks; bad URLs and targets are refused with nothing saved', async () => {
    for (const who of [agent, customer]) {
      expect((await api(t, who).get('/api/webhooks')).statusCode).toBe(403);
      const res = await api(t, who).post('/api/webhooks', { name: 'x', url: url('/x'), events: ['ticket.created'] });
      expect(res.statusCode).toBe(403);
    }
    const before = (await api(t, admin).get('/api/webhooks')).json().data.length;
    const bad = [
      'not a url',
      'ftp://example.com/hook',
      'http://169.254.169.254/latest/meta-data',
      'https://10.1.2.3/hook',
      'https://[::1]/hook',
      'https://user:pw@127.0.0.1/hook',
      'http://[fe80::1]/hook',
    ];
    for (const u of bad) {
      const res = await api(t, admin).post('/api/webhooks', { name: 'bad', url: u, events: ['ticket.created'] });
      expect([400, 422], `${u}: ${res.body}`).toContain(res.statusCode);
      expect(res.json().success).toBe(false);
    }
    const none = await api(t, admin).post('/api/webhooks', { name: 'x', url: url('/x'), events: [] });
    expect(none.statusCode).toBe(400);
    expect((await api(t, admin).get('/api/webhooks')).json().data.length).toBe(before);
  });

  it("one endpoint's routes: 403 without settings.manage, 404 for an unknown id, 400 for a malformed id or body, and nothing changes", async () => {
    const { endpoint } = await hook('/guarded', { events: ['ticket.created'] });
    await newTicket();
    await workers.drain();
    const listed = await api(t, admin).get(`/api/webhooks/${endpoint.id}/deliveries`);
    const [delivery] = listed.json().data as { id: string; state: string }[];
    expect(delivery?.state).toBe('delivered');
    const deliveryId = (delivery as { id: string }).id;
    const state = async () => ({
      endpoint: (await api(t, admin).get(`/api/webhooks/${endpoint.id}`)).json().data,
      deliveries: (await api(t, admin).get(`/api/webhooks/${endpoint.id}/deliveries`)).json().data,
    });
    const before = await state();
    const posts = to('/guarded').length;
    type Call = [method: string, path: string, body?: unknown];
    const sendAgain = (id: string, delivery: string): Call => [
      'POST',
      `/api/webhooks/${id}/deliveries/${delivery}/send-again`,
    ];
    const routes = (id: string): Call[] => [
      ['GET', `/api/webhooks/${id}`],
      ['PATCH', `/api/webhooks/${id}`, { name: 'Renamed', active: false }],
      ['DELETE', `/api/webhooks/${id}`],
      ['GET', `/api/webhooks/${id}/deliveries`],
      sendAgain(id, deliveryId),
    ];

    for (const who of [agent, customer]) {
      for (const [method, path, body] of routes(endpoint.id)) {
        expectError(await api(t, who).request(method, path, body), 403, 'FORBIDDEN');
      }
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [method, path, body] of [...routes(unknown), sendAgain(endpoint.id, unknown)]) {
      expectError(await api(t, admin).request(method, path, body), 404, 'NOT_FOUND');
    }
    for (const [method, path, body] of [...routes('not-a-uuid'), sendAgain(endpoint.id, 'not-a-uuid')]) {
      expectError(await api(t, admin).request(method, path, body), 400, 'VALIDATION_ERROR');
    }
    for (const body of [{ events: [] }, { name: '' }, { url: 42 }, { active: 'no' }, { secret: 'mine' }]) {
      expectError(await api(t, admin).patch(`/api/webhooks/${endpoint.id}`, body), 400, 'VALIDATION_ERROR');
    }
    expect(await state()).toEqual(before);
    // No refused "send again" queued the delivery.
    await workers.drain();
    expect(to('/guarded')).toHaveLength(posts);

    const removed = await api(t, admin).delete(`/api/webhooks/${endpoint.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expectError(await api(t, admin).get(`/api/webhooks/${endpoint.id}`), 404, 'NOT_FOUND');
    expectError(await api(t, admin).get(`/api/webhooks/${endpoint.id}/deliveries`), 404, 'NOT_FOUND');
  });
});

describe('webhooks without an allowlist', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, { now });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses loopback targets on save, and at connection time after DNS resolution', async () => {
    const f = factories(t.database);
    const admin = await f.user({ role: 'ADMIN' });
    const res = await api(t, admin).post('/api/webhooks', {
      name: 'local',
      url: `https://127.0.0.1:${peer.port}/sneaky`,
      events: ['ticket.created'],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.details[0].path).toBe('url');
    expect((await api(t, admin).get('/api/webhooks')).json().data).toEqual([]);

    // A name that resolves to loopback only at sending time (saved before, or DNS changed since):
    // the sender checks the resolved address and never connects.
    await t.database.query(
      `INSERT INTO webhook_endpoints (name, url, secret, events) VALUES ('rebound', $1, 'whsec_x', '{ticket.created}')`,
      [`http://localhost:${peer.port}/rebound`],
    );
    const workers = await startWebhookWorkers(
      { config: t.config, database: t.database, logger: t.app.log as unknown as Logger, now },
      { start: false },
    );
    const dept = await f.department();
    const customer = await f.user({ role: 'CUSTOMER' });
    const filed = await api(t, customer).post('/api/tickets', {
      subject: 'x',
      description: 'y',
      departmentId: dept.id,
    });
    expect(filed.statusCode).toBe(201);
    await workers.drain();
    expect(peer.received.filter((r) => r.path === '/rebound')).toHaveLength(0);
    const [row] = await t.database.query<{ state: string; last_error: string }>(
      'SELECT state, last_error FROM webhook_deliveries',
    );
    expect(row?.state).toBe('pending');
    expect(row?.last_error).toMatch(/loopback/);
  });
});
