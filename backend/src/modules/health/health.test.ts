import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openPostgres } from '../../db/client.js';
import { createLogger } from '../../lib/logger.js';

describe('health', () => {
  const t = useTestApp();

  it('GET /health answers exactly the operations guide shape', async () => {
    const res = await api(t).get('/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['message', 'success', 'timestamp', 'uptime']);
    expect(body.success).toBe(true);
    expect(body.message).toBe('Backend is healthy');
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    expect(typeof body.uptime).toBe('number');
    expect(body.uptime).toBeGreaterThan(0);
  });

  it('GET /health/ready checks the database', async () => {
    const res = await api(t).get('/health/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true, message: 'Ready', database: 'ok' });
  });

  describe('with the database unreachable', () => {
    // A real PostgreSQL client pointed at a port where nothing listens.
    const database = openPostgres({ url: 'postgresql://postgres@127.0.0.1:9/helpdesk', poolSize: 1 });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const appPromise = buildApp({ config, database, logger: createLogger(config) });
    afterAll(async () => {
      await (await appPromise).close();
      await database.close();
    });

    it('/health/ready answers 503 in the error shape, /health stays 200', async () => {
      const app = await appPromise;
      const ready = await api({ app }).get('/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        success: false,
        error: { code: 'SERVICE_UNAVAILABLE', message: 'The database is unreachable' },
      });
      expect(ready.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      const live = await api({ app }).get('/health');
      expect(live.statusCode).toBe(200);
    });

    it('API requests answer 503 with Retry-After, not 500, while the database is unreachable', async () => {
      const app = await appPromise;
      const res = await api({ app }).get('/api/auth/me', {
        headers: { cookie: 'helpdesk_session=some-session-token' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ success: false, error: { code: 'SERVICE_UNAVAILABLE' } });
      expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    });
  });
});
