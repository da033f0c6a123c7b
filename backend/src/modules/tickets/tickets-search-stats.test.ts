import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { estimateSearchMatches } from './queue.queries.js';

interface Item {
  id: string;
  rank?: number;
}

interface Page {
  data: Item[];
  meta: { nextCursor: string | null };
}

/**
 * The search picks its path from PostgreSQL's statistics (search-plan.ts, RARE_SEARCH_MATCHES):
 * without them the newest tickets are examined first, as before; with them a rare term is ranked at
 * once. The answers for rare and common terms are the same either way; a term with a few dozen
 * matches among the newest tickets is the one whose order changes (ranked instead of newest first).
 * Its own file: a fresh database whose statistics only this file's ANALYZE creates.
 */
describe('tickets: search path chosen from the statistics', () => {
  const t = useTestApp();
  let agent: TestUser;
  let dept: { id: string };
  let rareTicket: string;
  /** The pages each search gave before ANALYZE. */
  const before: Record<string, Page[]> = {};

  const page = async (query: string): Promise<Page> => {
    const res = await api(t, agent).get(`/api/tickets?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** The first `max` pages of a search, following nextCursor. */
  const pages = async (q: string, max: number): Promise<Page[]> => {
    const out: Page[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(`q=${q}${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(p);
      cursor = p.meta.nextCursor;
    } while (cursor && out.length < max);
    return out;
  };
  const idsOf = (ps: Page[]) => ps.flatMap((p) => p.data.map((i) => i.id));
  const cursorSort = (cursor: string | null) =>
    cursor ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))[0] : null; // lib/cursor.ts: [sort, order, ...keys]
  /** Ids of the dept's tickets whose own text matches, newest first. */
  const newestMatching = async (tsquery: string) =>
    (
      await t.database.query<{ id: string }>(
        `SELECT id FROM tickets WHERE department_id = $1 AND search_vector @@ to_tsquery('english', $2)
         ORDER BY created_at DESC, id DESC`,
        [dept.id, tsquery],
      )
    ).map((r) => r.id);

  beforeAll(async () => {
    const f = factories(t.database);
    dept = await f.department();
    agent = await f.user({ role: 'AGENT', departments: [dept] });
    const customer = await f.user({ role: 'CUSTOMER' });
    // Only this file's ANALYZE may create statistics (PostgreSQL's autovacuum would, some time
    // after the inserts below).
    await t.database.query('ALTER TABLE tickets SET (autovacuum_enabled = false)');
    await t.database.query('ALTER TABLE ticket_messages SET (autovacuum_enabled = false)');
    /** `count` tickets a minute apart from `from`; subject and description are SQL over `g` (1…count). */
    const insertTickets = (count: number, from: string, subject: string, description: string) =>
      t.database.query(
        `INSERT INTO tickets (subject, description, status_id, priority_id, department_id, customer_id,
           created_by_id, created_at, updated_at)
         SELECT ${subject}, ${description}, s.id, p.id, $1, $2, $2, ts, ts
         FROM generate_series(1, ${count}) g
           CROSS JOIN LATERAL (SELECT timestamptz '${from}' + g * interval '1 minute' AS ts) c,
           (SELECT id FROM ticket_statuses WHERE is_default) s, (SELECT id FROM ticket_priorities WHERE is_default) p`,
        [dept.id, customer.id],
      );
    const office = `'Office on floor ' || (g % 7) || ', code w' || (g % 150) || '.'`;
    // 6,000 tickets a minute apart: "printer" in the subject of 9 in 10 (5,400: more than
    // RARE_SEARCH_MATCHES), "quokka" in one description, "stapler" in 40 of the newest (the oldest
    // ten of those in the subject, which ranks higher than the description). The codes give each
    // table over 100 frequent words: with fewer, PostgreSQL estimates every prefix (`word:*`, as
    // the last search word always is) at a flat 2 % of the rows.
    await insertTickets(
      6000,
      '2026-01-01T00:00:00Z',
      `CASE WHEN g BETWEEN 5901 AND 5910 THEN 'Stapler stuck ' || g
            WHEN g % 10 = 0 THEN 'Toner low ' || g ELSE 'Printer jammed ' || g END`,
      `CASE WHEN g = 1234 THEN 'A quokka sits on the paper tray.'
            WHEN g BETWEEN 5911 AND 5940 THEN 'Also the stapler is stuck.' ELSE ${office} END`,
    );
    // 11,000 older tickets about a fax (above MAX_RANKED_MATCHES): none among the newest 6,000.
    await insertTickets(11000, '2025-01-01T00:00:00Z', `'Fax broken ' || g`, office);
    await t.database.query(
      `INSERT INTO ticket_messages (ticket_id, author_id, body)
       SELECT id, $1, 'Any news about code m' || (number % 150) || '?' FROM tickets
       WHERE department_id = $2 AND created_at >= '2026-01-01' ORDER BY number LIMIT 300`,
      [agent.id, dept.id],
    );
    const [rare] = await newestMatching('quokka');
    rareTicket = rare ?? '';
    before.rare = await pages('quokka', 3);
    before.common = await pages('printer', 3);
    before.rareAndCommon = await pages('quokka%20printer', 2);
    before.few = await pages('stapler', 5);
    before.fax = await pages('fax', 1);
  });

  it('has no estimate without statistics, and the window goes first as it always did', async () => {
    expect(await estimateSearchMatches(t.database.db, 'quokka:*')).toBeUndefined();
    expect(await estimateSearchMatches(t.database.db, 'printer:*')).toBeUndefined();
    // The window found a full page of "stapler" among the newest tickets: newest first.
    expect(idsOf(before.few ?? [])).toEqual(await newestMatching('stapler'));
    expect(cursorSort(before.few?.[0]?.meta.nextCursor ?? null)).toBe('created_at');
    // No "fax" among the newest 2,000: without statistics all 11,000 matches are ranked.
    expect(cursorSort(before.fax?.[0]?.meta.nextCursor ?? null)).toBe('relevance');
  });

  describe('after ANALYZE', () => {
    beforeAll(async () => {
      await t.database.query('ANALYZE tickets, ticket_messages');
    });

    it('estimates a rare word below RARE_SEARCH_MATCHES (5,000) and a common one above', async () => {
      const rare = await estimateSearchMatches(t.database.db, 'quokka:*');
      const common = await estimateSearchMatches(t.database.db, 'printer:*');
      expect(rare?.matches).toBeLessThan(5000);
      expect(common?.matches).toBeGreaterThanOrEqual(5000);
      // Below what the planner assumes for a word it has no frequency for: "quokka" is one.
      expect(rare?.matches).toBeLessThanOrEqual((rare?.untracked ?? 0) * 1.5);
      expect(common?.matches).toBeGreaterThan((common?.untracked ?? 0) * 1.5);
    });

    it('a rare word returns its ticket, ranked, exactly as before', async () => {
      const now = await pages('quokka', 3);
      expect(idsOf(now)).toEqual([rareTicket]);
      expect(now[0]?.data[0]?.rank).toBeGreaterThan(0);
      expect(now).toEqual(before.rare);
    });

    it('a rare word with a common prefix after it finds what has both, exactly as before', async () => {
      // The quokka ticket's subject is "Printer jammed …"; no ticket has both quokka and toner.
      expect(await pages('quokka%20printer', 2)).toEqual(before.rareAndCommon);
      expect(idsOf(before.rareAndCommon ?? [])).toEqual([rareTicket]);
      expect(idsOf(await pages('quokka%20toner', 2))).toEqual([]);
    });

    it('a common word still pages newest first, exactly as before', async () => {
      const now = await pages('printer', 3);
      expect(now).toHaveLength(3);
      expect(idsOf(now)).toEqual((await newestMatching('printer')).slice(0, 75));
      expect(cursorSort(now[0]?.meta.nextCursor ?? null)).toBe('created_at');
      expect(now).toEqual(before.common);
    });

    it('a word too common to rank walks at most SEARCH_WALK_LIMIT tickets a page, newest first', async () => {
      expect((await estimateSearchMatches(t.database.db, 'fax:*'))?.matches).toBeGreaterThan(10_000);
      // The newest 6,000 tickets have no fax: the first page examined 5,000 of them, found
      // nothing, and its cursor goes on after the last one it examined.
      const [first] = await pages('fax', 1);
      expect(first?.data).toEqual([]);
      expect(cursorSort(first?.meta.nextCursor ?? null)).toBe('created_at');
      const now = await pages('fax', 4);
      expect(now.map((p) => p.data.length)).toEqual([0, 25, 25, 25]);
      expect(idsOf(now)).toEqual((await newestMatching('fax')).slice(0, 75));
      expect(now[1]?.data[0]?.rank).toBeGreaterThan(0);
    });

    it('a walk that reaches the end of the range says there is no more', async () => {
      // Only the newest 6,000 tickets (created from 2026 on): none has a fax.
      const now = await pages('fax&createdFrom=2026-01-01T00:00:00Z', 5);
      expect(now.map((p) => p.data.length)).toEqual([0, 0]);
      expect(now[1]?.meta.nextCursor).toBeNull();
    });

    it('a word the statistics call rare is ranked even when its matches are all new', async () => {
      const now = await pages('stapler', 5);
      const ids = idsOf(now);
      expect(new Set(ids).size).toBe(40);
      expect(ids.sort()).toEqual((await newestMatching('stapler')).sort());
      // Subject matches (the ten oldest) rank first now; before, the newest came first.
      const subjectHits = (await newestMatching('stapler')).slice(30);
      const first = now[0]?.data ?? [];
      expect(
        first
          .slice(0, 10)
          .map((i) => i.id)
          .sort(),
      ).toEqual([...subjectHits].sort());
      expect(first[0]?.rank).toBeGreaterThan(first[10]?.rank ?? Number.POSITIVE_INFINITY);
      expect(cursorSort(now[0]?.meta.nextCursor ?? null)).toBe('relevance');
    });
  });
});
