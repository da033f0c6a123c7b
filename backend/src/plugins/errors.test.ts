import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, expectError } from '../../test/api.js';
import { useTestApp } from '../../test/build-test-app.js';

/** Probe routes that exercise the shared error handling; real modules behave the same way. */
const t = useTestApp(
  { BODY_LIMIT_MB: '0.001' },
  {
    beforeReady(app) {
      // Anonymous probes: the shared handling must work before any sign-in.
      const r = app.withTypeProvider<ZodTypeProvider>();
      r.post(
        '/api/probe/echo',
        {
          config: { public: true },
          schema: { body: z.strictObject({ subject: z.string().min(1).max(5), count: z.number().int() }) },
        },
        async (req) => ({ success: true, data: req.body }),
      );
      r.get('/api/probe/boom', { config: { public: true } }, async () => {
        throw new Error('relation "secret_table" does not exist');
      });
    },
  },
);

describe('error shape', () => {
  it('unknown /api route → 404 in the error shape, never the SPA', async () => {
    const res = await api(t).get('/api/no/such/route');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'Route GET /api/no/such/route not found' },
    });
  });

  it('validation errors → 400 with field paths', async () => {
    const res = await api(t).post('/api/probe/echo', { subject: 'too long', count: 1.5 });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.success).toBe(false);
    expect(body.error.code).toBe('VALIDATION_ERROR');
    const paths = body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['body.count', 'body.subject']);
  });

  it('unknown fields are refused (strict bodies)', async () => {
    const res = await api(t).post('/api/probe/echo', { subject: 'ok', count: 1, isAdmin: true });
    expectError(res, 400, 'VALIDATION_ERROR');
  });

  it('a URL the router cannot read → 400 in the error shape (bad percent-encoding, a too long parameter)', async () => {
    for (const url of ['/api/tickets/%E0%A4%A', '/api/tickets/%ED%A0%80', `/api/tickets/${'1'.repeat(101)}`]) {
      const res = await api(t).get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    }
  });

  it('malformed JSON → 400 INVALID_JSON', async () => {
    const res = await api(t).post('/api/probe/echo', '{"subject": ', {
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'INVALID_JSON');
  });

  it('wrong content type → 415', async () => {
    const res = await api(t).post('/api/probe/echo', '<a/>', { headers: { 'content-type': 'application/xml' } });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('body over the limit → 413', async () => {
    const res = await api(t).post('/api/probe/echo', { subject: 'x'.repeat(5000), count: 1 });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('unexpected errors → 500 with a request id that is in the log, and no SQL or stack in the body', async () => {
    const res = await api(t).get('/api/probe/boom');
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'Internal Server Error',
      requestId: expect.any(String),
    });
    expect(res.body).not.toMatch(/secret_table|at .*\.ts/);
    expect(res.headers['x-request-id']).toBe(body.error.requestId);
    const logged = t.logs.map((l) => JSON.parse(l)).find((l) => l.reqId === body.error.requestId && l.err);
    expect(logged?.err.message).toContain('secret_table');
    expect(logged?.err.stack).toContain('Error');
  });
});
