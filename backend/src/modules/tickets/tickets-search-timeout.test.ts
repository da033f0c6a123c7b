import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';

/**
 * A search may run for SEARCH_TIMEOUT_MS at most; then PostgreSQL cancels it and the caller gets
 * 503 SEARCH_TOO_SLOW, while every other request goes on being served. The slow search is made
 * certain, not timed: another connection holds an exclusive lock on tickets, and waiting for a
 * lock counts toward the timeout.
 */
describe.runIf(testDriver === 'postgres')('tickets: a search that takes too long is cancelled', () => {
  const t = useTestApp({ SEARCH_TIMEOUT_MS: '300' });
  let agent: TestUser;

  beforeAll(async () => {
    const f = factories(t.database);
    const dept = await f.department();
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    const customer = await f.user({ role: 'CUSTOMER' });
    await f.ticket({ customer, department: dept, subject: 'Printer on fire' });
  });

  const get = (url: string) => api(t, agent).get(url);

  it('answers 503 SEARCH_TOO_SLOW, frees its connection, and searches normally once it can', async () => {
    const blocker = new pg.Client({ connectionString: t.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE');
      const slow = await get('/api/tickets?q=printer');
      expect(slow.statusCode).toBe(503);
      expect(slow.json()).toMatchObject({ success: false, error: { code: 'SEARCH_TOO_SLOW' } });
      // The cancelled search holds no connection: requests that need none of its tables go on.
      for (let i = 0; i < 15; i++) expect((await get('/api/notifications/unread-count')).statusCode).toBe(200);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    const res = await get('/api/tickets?q=printer');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((i: { subject: string }) => i.subject)).toEqual(['Printer on fire']);
  });
});
