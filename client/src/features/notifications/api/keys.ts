export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  list: ['notifications', 'list'] as const,
  page: (filters: object) => ['notifications', 'page', filters] as const,
};
