/**
 * Knowledge-base articles for the help-centre search scenarios (issue 20: 10,000 articles). Set-based
 * SQL like seed.ts: every "random" choice is a function of the row number, so a run is repeatable.
 * Nine in ten articles are published; visibility cycles public / customers / staff. Each has a
 * title and two sentences of the tickets' vocabulary: "password" is in about one article in six.
 */
import type { Database } from '../backend/src/db/client.js';
import { agentSentences, customerSentences, products, rareWords, subjects } from './words.js';

export const BENCH_ARTICLES = 10_000;
/** The slug prefix of this generator's articles; articles of an older generator are replaced. */
const PREFIX = 'bench2-';

/** Adds bench articles until there are `count` (an existing bench database keeps its own). */
export async function seedArticles(database: Database, count = BENCH_ARTICLES): Promise<number> {
  await database.query(`DELETE FROM kb_articles WHERE slug LIKE 'bench%' AND slug NOT LIKE '${PREFIX}%'`);
  const [row] = await database.query<{ n: string }>(
    `SELECT count(*) AS n FROM kb_articles WHERE slug LIKE '${PREFIX}%'`,
  );
  const have = Number(row?.n ?? 0);
  if (have >= count) return 0;
  await database.query(
    `INSERT INTO kb_articles (title, slug, body, status, visibility, tags, published_at)
     SELECT replace(($3::text[])[1 + abs(hashint4(i)) % cardinality($3::text[])], '{p}', p.name) || ' (' || i || ')',
            '${PREFIX}' || i,
            '## Answer' || E'\\n\\n' ||
            ($5::text[])[1 + abs(hashint4(i * 3 + 1)) % cardinality($5::text[])] || ' ' ||
            ($6::text[])[1 + abs(hashint4(i * 5 + 2)) % cardinality($6::text[])] || E'\\n\\n' ||
            'Open the ' || p.name || ' settings, choose the section for your account and follow the steps shown there. ' ||
            'Article ' || i || ' of the ' || p.name || ' guide.' ||
            CASE WHEN i % 500 = 0 THEN ' ' || ($7::text[])[1 + (i / 500) % cardinality($7::text[])] ELSE '' END,
            CASE WHEN i % 10 = 0 THEN 'draft' ELSE 'published' END,
            (ARRAY['public', 'customers', 'staff'])[1 + i % 3],
            ARRAY['bench'],
            now()
     FROM generate_series($1::int, $2::int) i
     CROSS JOIN LATERAL (SELECT ($4::text[])[1 + abs(hashint4(i * 7 + 3)) % cardinality($4::text[])] AS name) p`,
    [have + 1, count, subjects, products, agentSentences, customerSentences, rareWords],
  );
  await database.query('ANALYZE kb_articles');
  return count - have;
}
