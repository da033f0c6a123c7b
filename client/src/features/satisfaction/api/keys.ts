export const satisfactionKeys = {
  all: ['satisfaction'] as const,
  /** `version`: the ticket's, so that a status change (a new resolution) reads the ratings again. */
  ticket: (ticketId: string, version: number) => ['satisfaction', 'ticket', ticketId, version] as const,
  summary: ['satisfaction', 'summary'] as const,
  link: (token: string) => ['satisfaction', 'link', token] as const,
};
