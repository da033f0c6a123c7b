import { ticketDetailSchema } from '@helpdesk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { testDriver } from '../../../test/test-database.js';

/**
 * Tickets filed at the same moment go to the database in one statement (db/write-group.ts,
 * docs/decisions/032-grouped-ticket-filing.md): each still gets its own number, and its history,
 * event and notification quote that number; one ticket that the database refuses fails alone.
 */
describe(`tickets filed at the same moment (${testDriver})`, () => {
  const t = useTestApp();
  let f: ReturnType<typeof factories>;
  let dept: { id: string };
  let agent: TestUser;
  let customers: TestUser[];

  /** The counts of helpdesk_ticket_filing_statements_total by tickets per statement. */
  const filingStatements = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    const counts = new Map<number, number>();
    for (const m of res.body.matchAll(/^helpdesk_ticket_filing_statements_total\{tickets="(\d+)"\} (\d+)/gm)) {
      counts.set(Number(m[1]), Number(m[2]));
    }
    return counts;
  };
  const groupedSince = (before: Map<number, number>, after: Map<number, number>) =>
    [...after].filter(([n, c]) => n > 1 && c > (before.get(n) ?? 0)).length;
  const ticketsFiledSince = (before: Map<number, number>, after: Map<number, number>) =>
    [...after].reduce((sum, [n, c]) => sum + n * (c - (before.get(n) ?? 0)), 0);
  const fileAll = (subjects: string[]) =>
    Promise.all(
      subjects.map((subject, i) =>
        api(t, customers[i]).post('/api/tickets', { subject, description: 'Filed with others', departmentId: dept.id }),
      ),
    );

  beforeAll(async () => {
    f = factories(t.database);
    dept = await f.department();
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    expect((await api(t, agent).patch('/api/auth/me', { notifyNewUnassigned: true })).statusCode).toBe(200);
    customers = [];
    for (let i = 0; i < 6; i++) customers.push(await f.user({ role: 'CUSTOMER' }));
  });

  it('each ticket of one statement gets its own number, history, event and notification', async () => {
    const before = await filingStatements();
    const subjects = customers.map((_, i) => `Together ${i}`);
    const answers = (await fileAll(subjects)).map((res) => expectOk(res, ticketDetailSchema, 201).ticket);
    // Six creates of one moment did not go as six statements of one ticket.
    expect(groupedSince(before, await filingStatements())).toBeGreaterThan(0);

    const numbers = answers.map((a) => a.number);
    expect(new Set(numbers).size).toBe(6);
    expect(answers.map((a) => a.subject)).toEqual(subjects);
    for (const [i, ticket] of answers.entries()) {
      const detail = expectOk(await api(t, customers[i]).get(`/api/tickets/${ticket.id}`), ticketDetailSchema);
      expect(detail.ticket).toMatchObject({
        number: ticket.number,
        subject: subjects[i],
        customer: { id: customers[i]?.id },
      });
      const history = await api(t, agent).get(`/api/tickets/${ticket.id}/history`);
      expect(history.statusCode).toBe(200);
      const created = history.json().data.filter((h: { action: string }) => h.action === 'created');
      expect(created.map((h: { newValue: string }) => h.newValue)).toEqual([`#${ticket.number}`]);
    }
    const events = await t.database.query<{ ticket_id: string; number: number }>(
      `SELECT ticket_id, (payload->>'number')::int AS number FROM events
       WHERE type = 'ticket.created' AND ticket_id = ANY($1::uuid[])`,
      [answers.map((a) => a.id)],
    );
    expect(new Map(events.map((e) => [e.ticket_id, e.number]))).toEqual(new Map(answers.map((a) => [a.id, a.number])));
    const notified = await api(t, agent).get('/api/notifications');
    const titles = notified.json().data.map((n: { title: string }) => n.title);
    for (const n of numbers) expect(titles.filter((x: string) => x === `New unassigned ticket #${n}`)).toHaveLength(1);
  });

  describe('when the database refuses one of them', () => {
    beforeAll(async () => {
      // A fault only the database sees (the request is valid): one subject makes the insert fail.
      await t.database.query(`CREATE FUNCTION refuse_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.subject = 'Refused by the database' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
      await t.database.query(
        'CREATE TRIGGER refuse_ticket BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION refuse_ticket()',
      );
    });
    afterAll(async () => {
      await t.database.query('DROP TRIGGER refuse_ticket ON tickets');
      await t.database.query('DROP FUNCTION refuse_ticket()');
    });

    it('only that one fails, and nothing of it is written', async () => {
      const before = await filingStatements();
      const subjects = ['Fine 1', 'Fine 2', 'Refused by the database', 'Fine 3'];
      const responses = await fileAll(subjects);
      expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 500, 201]);
      // The statements that were written carried the three others, whether together or alone.
      expect(ticketsFiledSince(before, await filingStatements())).toBe(3);

      const rows = await t.database.query<{ subject: string; history: number; events: number }>(
        `SELECT t.subject,
           (SELECT count(*)::int FROM ticket_history h WHERE h.ticket_id = t.id) AS history,
           (SELECT count(*)::int FROM events e WHERE e.ticket_id = t.id) AS events
         FROM tickets t WHERE t.subject = ANY($1::text[]) ORDER BY t.subject`,
        [subjects],
      );
      expect(rows).toEqual([
        { subject: 'Fine 1', history: 1, events: 1 },
        { subject: 'Fine 2', history: 1, events: 1 },
        { subject: 'Fine 3', history: 1, events: 1 },
      ]);
      const refusedNotices = await t.database.query(
        `SELECT 1 FROM notifications WHERE body = 'Refused by the database'`,
      );
      expect(refusedNotices).toHaveLength(0);
    });
  });
});
