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
  it('match nothing when a required tag does not exist, and plan each time only for rare tags', () => {
    expect(tagFilters({ matchesNothing: true, all: [], none: [] }).filters).toHaveLength(1);
    expect(tagFilters(undefined)).toEqual({ filters: [], planEachTime: false });
    const common = tagFilters({ matchesNothing: false, any: { ids: ['a'], rare: false }, all: [], none: ['b'] });
    expect(common).toMatchObject({ planEachTime: false });
    expect(common.filters).toHaveLength(2);
    const rare = tagFilters({
      matchesNothing: false,
      all: [
        { id: 'a', rare: true },
        { id: 'b', rare: false },
      ],
      none: [],
    });
    expect(rare).toMatchObject({ planEachTime: true });
    expect(rare.filters).toHaveLength(2);
  });
});
