import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { api } from '../../test/api.js';
import { useTestApp } from '../../test/build-test-app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../lib/logger.js';

describe('request log', () => {
  const t = useTestApp();

  it('writes one line per request: METHOD PATH STATUS DURATIONms, with the request id', async () => {
    const res = await api(t).get('/health?token=secret-in-query');
    const id = res.headers['x-request-id'];
    const lines = t.logs.map((l) => JSON.parse(l)).filter((l) => l.reqId === id);
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toMatch(/^GET \/health 200 \d+ms$/);
    expect(t.logs.join('\n')).not.toContain('secret-in-query');
  });

  it('keeps a proxy-given X-Request-Id when it is plain, and replaces a hostile one', async () => {
    const kept = await api(t).get('/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await api(t).get('/health', { headers: { 'x-request-id': 'a\nb<script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs cookies, Authorization headers or passwords', async () => {
    await api(t).post(
      '/api/anything',
      { password: 'sekrit-password' },
      { headers: { authorization: 'Bearer sekrit-token', cookie: 'helpdesk_session=sekrit-cookie' } },
    );
    const all = t.logs.join('\n');
    expect(all).not.toMatch(/sekrit/);
  });

  it('redacts secrets even when code logs them by mistake', () => {
    const out: string[] = [];
    const sink = new Writable({
      write(chunk, _e, done) {
        out.push(String(chunk));
        done();
      },
    });
    const logger = createLogger(loadConfig({ LOG_FORMAT: 'json' }), sink);
    logger.info({ req: { headers: { authorization: 'Bearer x1', cookie: 'c1' } }, body: { password: 'p1' } }, 'oops');
    expect(out.join('')).not.toMatch(/x1|"c1"|p1/);
  });

  it('pretty format prints the guide-style line', () => {
    const out: string[] = [];
    const sink = new Writable({
      write(chunk, _e, done) {
        out.push(String(chunk));
        done();
      },
    });
    const logger = createLogger(loadConfig({ LOG_FORMAT: 'pretty' }), sink);
    logger.info('✓ Database connection successful');
    logger.child({ reqId: 'r1' }).info('POST /api/auth/login 200 45ms');
    const text = out.join('');
    expect(text).toMatch(/INFO: ✓ Database connection successful/);
    expect(text).toMatch(/INFO: \[r1\] POST \/api\/auth\/login 200 45ms/);
  });
});
