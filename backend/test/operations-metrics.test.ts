import { describe, expect, it } from 'vitest';
import { api } from './api.js';
import { useTestApp } from './build-test-app.js';
import { factories } from './factories.js';

const TOKEN = 'scrape-token-0123456789';

describe('/metrics', () => {
  const t = useTestApp({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: '127.0.0.1,::1,10.20.0.0/16' });

  it('serves Prometheus text with HTTP, process, pool and ticket metrics', async () => {
    await api(t).get('/health');
    await api(t).get('/api/no-such-page');
    const customer = await factories(t.database).user();
    const [dept] = await t.database.query<{ id: string }>('SELECT id FROM departments LIMIT 1');
    const created = await api(t, customer).post('/api/tickets', {
      subject: 'Counted',
      description: 'A ticket for the counter',
      departmentId: dept?.id,
    });
    expect(created.statusCode).toBe(201);
    const res = await api(t).get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const body = res.body;
    expect(body).toMatch(
      /http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/health",status_code="200"\} 1/,
    );
    expect(body).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1/);
    expect(body).toContain('# TYPE http_request_errors_total counter');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
    expect(body).toContain('process_resident_memory_bytes');
    expect(body).toContain('process_cpu_seconds_total');
    expect(body).toMatch(/helpdesk_db_pool_connections\{state="in_use"\} \d+/);
    expect(body).toMatch(/helpdesk_db_pool_connections\{state="idle"\} \d+/);
    expect(body).toMatch(/helpdesk_db_pool_connections\{state="waiting"\} 0/);
    expect(body).toMatch(/helpdesk_db_query_duration_seconds 0\.\d+/);
    expect(body).toMatch(/helpdesk_tickets_created_total 1\n/);
  });

  it('is reachable only with the token or from allowed addresses', async () => {
    const outside = { remoteAddress: '203.0.113.9' };
    const refused = await api(t).get('/metrics', outside);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'Route GET /metrics not found' },
    });
    expect(refused.body).not.toContain('nodejs');

    const wrong = await api(t).get('/metrics', {
      ...outside,
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.statusCode).toBe(404);
    const withToken = await api(t).get('/metrics', { ...outside, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.statusCode).toBe(200);

    const subnet = await api(t).get('/metrics', { remoteAddress: '10.20.3.4' });
    expect(subnet.statusCode).toBe(200);
    // An IPv4 address as a dual-stack socket reports it counts as the IPv4 address.
    expect((await api(t).get('/metrics', { remoteAddress: '::ffff:10.20.3.4' })).statusCode).toBe(200);
    expect((await api(t).get('/metrics', { remoteAddress: '::ffff:203.0.113.9' })).statusCode).toBe(404);
    // Through a proxy on this host: the socket is 127.0.0.1 but the client is not; TRUST_PROXY is off.
    const proxied = await api(t).get('/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.statusCode).toBe(404);
  });
});
