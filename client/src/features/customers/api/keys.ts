export const customerKeys = {
  all: ['customers'] as const,
  list: (q: string) => ['customers', 'list', q] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  organisations: ['organisations'] as const,
  organisation: (id: string) => ['organisations', id] as const,
};
