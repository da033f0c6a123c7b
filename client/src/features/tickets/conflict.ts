import type { Ticket } from '@helpdesk/contract';
import type { TicketChange } from './api/update-ticket';

export interface FieldChange {
  field: keyof TicketChange;
  label: string;
  yours: string;
  theirs: string;
}

const fields: { field: keyof TicketChange; label: string; read: (t: Ticket) => string }[] = [
  { field: 'subject', label: 'Subject', read: (t) => t.subject },
  { field: 'statusId', label: 'Status', read: (t) => t.status.name },
  { field: 'priorityId', label: 'Priority', read: (t) => t.priority.name },
  { field: 'departmentId', label: 'Department', read: (t) => t.department.name },
  { field: 'assignedToId', label: 'Assignee', read: (t) => t.assignee?.name ?? 'Unassigned' },
];

/** What someone else changed between the version on screen and the current one. */
export function diffTickets(shown: Ticket, current: Ticket): FieldChange[] {
  return fields
    .map((f) => ({ field: f.field, label: f.label, yours: f.read(shown), theirs: f.read(current) }))
    .filter((c) => c.yours !== c.theirs);
}
