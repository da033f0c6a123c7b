import type { Ticket } from '@helpdesk/contract';
import type { TicketChange } from './api/update-ticket';

/** One field someone else changed; values are names as shown, null for none (unassigned). */
export interface FieldChange {
  field: keyof TicketChange;
  yours: string | null;
  theirs: string | null;
}

const fields: { field: keyof TicketChange; read: (t: Ticket) => string | null }[] = [
  { field: 'subject', read: (t) => t.subject },
  { field: 'statusId', read: (t) => t.status.name },
  { field: 'priorityId', read: (t) => t.priority.name },
  { field: 'departmentId', read: (t) => t.department.name },
  { field: 'assignedToId', read: (t) => t.assignee?.name ?? null },
];

/** What someone else changed between the version on screen and the current one. */
export function diffTickets(shown: Ticket, current: Ticket): FieldChange[] {
  return fields
    .map((f) => ({ field: f.field, yours: f.read(shown), theirs: f.read(current) }))
    .filter((c) => c.yours !== c.theirs);
}
