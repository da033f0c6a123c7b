export const fieldKeys = {
  all: ['custom-fields'] as const,
  list: (departmentId: string | undefined, includeArchived: boolean) =>
    ['custom-fields', 'list', departmentId ?? 'all', includeArchived] as const,
  ofTicket: (ticketId: string) => ['custom-fields', 'ticket', ticketId] as const,
  values: (ticketIds: string[]) => ['custom-fields', 'values', ticketIds] as const,
};
