export const slaKeys = {
  all: ['sla'] as const,
  calendars: ['sla', 'calendars'] as const,
  policies: ['sla', 'policies'] as const,
  ticket: (id: string) => ['sla', 'ticket', id] as const,
  report: (days: number) => ['sla', 'report', days] as const,
};

/** What a calendar or policy write refreshes: this feature's queries and the tickets' (queue cells). */
export const slaWrites = [slaKeys.all, ['tickets']];
