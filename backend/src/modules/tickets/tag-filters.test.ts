import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { splitTagSearch, tagFilters } from './tag-filters.js';

describe('tag: in the queue search', () => {
  it('takes out bare and quoted tags, normalised, and keeps the other words', () => {
    expect(splitTagSearch('refund tag:vip  tag:"Two   words" late')).toEqual({
      tags: ['vip', 'Two words'],
      rest: 'refund late',
    });
    expect(splitTagSearch('TAG:billing')).toEqual({ tags: ['billing'], rest: '' });
  });

  it('leaves an empty tag: and words merely containing tag: alone', () => {
    expect(splitTagSearch('tag: hello')).toEqual({ tags: [], rest: 'tag: hello' });
    expect(splitTagSearch('hashtag:x')).toEqual({ tags: [], rest: 'hashtag:x' });
  });
});

describe('tag filter conditions', () => {
  const text = (filters: SQL[]) => new PgDialect().sqlToQuery(sql.join(filters, sql` AND `));

  it('match nothing when a required tag does not exist; one statement text for any number of tags', () => {
    expect(tagFilters({ matchesNothing: true, all: [], none: [] })).toHaveLength(1);
    expect(tagFilters(undefined)).toEqual([]);
    const common = (ids: string[]) =>
      text(tagFilters({ matchesNothing: false, any: { ids, rare: false }, all: [], none: ['b'] }));
    expect(common(['a']).sql).toBe(common(['a', 'c', 'd']).sql);
    expect(common(['a', 'c']).params).toEqual([['a', 'c'], ['b']]);
    expect(common(['a']).sql).not.toContain('ARRAY(SELECT');
  });

  it('reads a rare tag’s tickets first, and probes the others per ticket', () => {
    const filters = tagFilters({
      matchesNothing: false,
      all: [
        { id: 'a', rare: true },
        { id: 'b', rare: false },
      ],
      none: [],
    });
    expect(filters).toHaveLength(2);
    const [rare, common] = filters.map((f) => text([f]).sql);
    expect(rare).toContain('t.id IN (SELECT m.id FROM unnest(ARRAY(SELECT tt.ticket_id FROM ticket_tags tt');
    expect(common).toContain('EXISTS (SELECT 1 FROM ticket_tags tt WHERE tt.ticket_id = t.id');
  });
});
