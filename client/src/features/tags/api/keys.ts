export const tagKeys = {
  all: ['tags'] as const,
  search: (q: string) => ['tags', 'search', q] as const,
  usage: ['tags', 'usage'] as const,
};

/**
 * The tickets feature's queries (queue rows and ticket pages show tags). Named by their key's
 * first part, so this feature refreshes them without importing the tickets feature.
 */
export const ticketQueries = ['tickets'] as const;
