export const tagKeys = {
  all: ['tags'] as const,
  search: (q: string) => ['tags', 'search', q] as const,
  usage: ['tags', 'usage'] as const,
};

/**
 * What a tag write refreshes: the tags, and the tickets feature's queries (queue rows and ticket
 * pages show tags), named by their key's first part so this feature need not import that one.
 */
export const tagWrites = [tagKeys.all, ['tickets']];
