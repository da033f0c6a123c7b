/**
 * The custom-field scenario's data (issue 16): one staff-only select field, `bench_tier`, with four
 * common options and one rare one, set on 60 % of the tickets. Added to any seeded database the
 * first time (like the help-centre articles), so an older seed does not need to be rebuilt.
 */
import type { Database } from '../backend/src/db/client.js';

export const BENCH_FIELD_KEY = 'bench_tier';
const OPTIONS = ['Free', 'Basic', 'Pro', 'Enterprise', 'Legacy'];

/** Creates the field and its values when missing; returns its option ids (the last is the rare one). */
export async function seedFieldValues(database: Database): Promise<string[]> {
  const existing = await database.query<{ options: { id: string }[] }>(
    'SELECT options FROM custom_fields WHERE key = $1',
    [BENCH_FIELD_KEY],
  );
  if (existing[0]) return existing[0].options.map((o) => o.id);
  const [field] = await database.query<{ id: string; options: { id: string }[] }>(
    `INSERT INTO custom_fields (key, label, type, options)
     SELECT $1, 'Customer tier', 'select',
            jsonb_agg(jsonb_build_object('id', gen_random_uuid(), 'label', o, 'retired', false) ORDER BY n)
     FROM unnest($2::text[]) WITH ORDINALITY AS x(o, n)
     RETURNING id, options`,
    [BENCH_FIELD_KEY, OPTIONS],
  );
  if (!field) throw new Error('bench: the custom field was not created');
  const ids = field.options.map((o) => o.id);
  // h in 0..999 from the ticket id: < 400 no value, < 402 the rare option (0.2 %), else one of four.
  await database.query(
    `INSERT INTO ticket_field_values (ticket_id, field_id, value_options)
     SELECT t.id, $1::uuid, ARRAY[($2::uuid[])[CASE WHEN h < 402 THEN 5 ELSE 1 + h % 4 END]]
     FROM (SELECT id, abs(hashtext(id::text)) % 1000 AS h FROM tickets) t
     WHERE t.h >= 400`,
    [field.id, ids],
  );
  await database.query('VACUUM (ANALYZE) ticket_field_values');
  return ids;
}
