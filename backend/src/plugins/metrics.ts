import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import client from 'prom-client';
import type { AppDeps } from '../app-deps.js';
import { ipAllowList } from '../lib/ip-allow-list.js';
import { processRegistry } from '../lib/metrics.js';
import { consumerStats } from '../modules/events/events.service.js';
import { outboxCounts } from '../modules/mail/mail.service.js';
import { webhookStats } from '../modules/webhooks/webhooks.service.js';
import { sendError } from './errors.js';

function tokenMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `GET /metrics` in Prometheus text format, for a scraper that sends `Authorization: Bearer
 * METRICS_TOKEN` or connects from a METRICS_ALLOW address. A request that came through a proxy
 * (X-Forwarded-For) only counts by address when TRUST_PROXY says whom to believe. Anyone else
 * gets a 404, as if there were nothing here.
 */
export const metricsPlugin = fp<AppDeps>(
  async (app, { config, database }) => {
    const registry = new client.Registry();
    const duration = new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [registry],
    });
    const errors = new client.Counter({
      name: 'http_request_errors_total',
      help: 'HTTP responses with a 5xx status',
      labelNames: ['method', 'route', 'status_code'] as const,
      registers: [registry],
    });
    const pool = new client.Gauge({
      name: 'helpdesk_db_pool_connections',
      help: 'Database pool connections by state (in_use, idle, waiting)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const s = database.poolStats();
        this.set({ state: 'in_use' }, s.total - s.idle);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
    void pool;
    const ping = new client.Gauge({
      name: 'helpdesk_db_query_duration_seconds',
      help: 'Duration of a SELECT 1 round trip to the database, measured at each scrape',
      registers: [registry],
      async collect() {
        const started = process.hrtime.bigint();
        try {
          await database.query('SELECT 1');
          this.set(Number(process.hrtime.bigint() - started) / 1e9);
        } catch {
          this.set(-1);
        }
      },
    });
    void ping;
    // Each event consumer's backlog and failures, and each webhook endpoint's deliveries: read
    // once per scrape by the /metrics handler, each read shared by the two gauges it feeds.
    let consumers: ReturnType<typeof consumerStats> = Promise.resolve([]);
    let endpoints: ReturnType<typeof webhookStats> = Promise.resolve([]);
    const lag = new client.Gauge({
      name: 'helpdesk_event_consumer_lag',
      help: 'Events a consumer (mail …) has not handled yet',
      labelNames: ['consumer'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await consumers) this.set({ consumer: s.consumer }, s.lag);
      },
    });
    void lag;
    const failures = new client.Gauge({
      name: 'helpdesk_event_consumer_failures',
      help: 'Events a consumer failed to handle, by state (retrying, dead)',
      labelNames: ['consumer', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await consumers) {
          this.set({ consumer: s.consumer, state: 'retrying' }, s.retrying);
          this.set({ consumer: s.consumer, state: 'dead' }, s.dead);
        }
      },
    });
    void failures;
    const outbox = new client.Gauge({
      name: 'helpdesk_mail_outbox_messages',
      help: 'Mail in the outbox by state (pending, sent, failed)',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of ['pending', 'sent', 'failed']) this.set({ state: s }, 0);
        for (const row of await outboxCounts(database).catch(() => [])) this.set({ state: row.state }, row.n);
      },
    });
    void outbox;
    // Per webhook endpoint (by id): deliveries waiting, the oldest one's age, deliveries given up.
    const hooks = new client.Gauge({
      name: 'helpdesk_webhook_deliveries',
      help: 'Webhook deliveries per endpoint by state (pending, failed)',
      labelNames: ['endpoint', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await endpoints) {
          this.set({ endpoint: s.endpoint, state: 'pending' }, s.pending);
          this.set({ endpoint: s.endpoint, state: 'failed' }, s.failed);
        }
      },
    });
    void hooks;
    const hookLag = new client.Gauge({
      name: 'helpdesk_webhook_lag_seconds',
      help: 'Age of the oldest webhook delivery not delivered yet, per endpoint (0: none waiting)',
      labelNames: ['endpoint'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await endpoints) this.set({ endpoint: s.endpoint }, s.oldestSeconds);
      },
    });
    void hookLag;

    app.addHook('onResponse', async (req, reply) => {
      const labels = {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      };
      duration.observe(labels, reply.elapsedTime / 1000);
      if (reply.statusCode >= 500) errors.inc(labels);
    });

    const allowed = ipAllowList(config.metricsAllow);
    const proxyTrusted = config.trustProxy !== false;
    app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
      const viaProxy = req.headers['x-forwarded-for'] !== undefined;
      const byAddress = (!viaProxy || proxyTrusted) && allowed(req.ip);
      if (!tokenMatches(req.headers.authorization, config.metricsToken) && !byAddress) {
        return sendError(reply, 404, 'NOT_FOUND', 'Route GET /metrics not found');
      }
      consumers = consumerStats(database).catch(() => []);
      endpoints = webhookStats(database).catch(() => []);
      const merged = client.Registry.merge([processRegistry, registry]);
      reply.header('Content-Type', merged.contentType);
      reply.header('Cache-Control', 'no-store');
      return merged.metrics();
    });
  },
  { name: 'metrics' },
);
