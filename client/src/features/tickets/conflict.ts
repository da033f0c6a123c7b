import type { Ticket } from '../../lib/types';
import type { TicketPatch } from './api';

export interface FieldChange {
  field: string;
  label: string;
  yours: string;
  theirs: string;
}

const fields: { field: string; label: string; read: (t: Ticket) => string }[] = [
  { field: 'subject', label: 'Subject', read: (t) => t.subject },
  { field: 'statusId', label: 'Status', read: (t) => t.status?.name ?? '' },
  { field: 'priorityId', label: 'Priority', read: (t) => t.priority?.name ?? '' },
  { field: 'departmentId', label: 'Department', read: (t) => t.department?.name ?? '' },
  { field: 'assignedToId', label: 'Assignee', read: (t) => t.assignee?.name ?? 'Unassigned' },
];

/** What someone else changed between the version on screen and the current one. */
export function diffTickets(shown: Ticket, current: Ticket): FieldChange[] {
  return fields
    .map((f) => ({ field: f.field, label: f.label, yours: f.read(shown), theirs: f.read(current) }))
    .filter((c) => c.yours !== c.theirs);
}

/** The current ticket a 409 carries (wherever the server puts it), if any. */
export function conflictTicket(body: Record<string, unknown>): Ticket | undefined {
  for (const key of ['current', 'ticket', 'data']) {
    const v = body[key];
    if (v && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      if (obj.ticket && typeof obj.ticket === 'object') return obj.ticket as Ticket;
      if ('version' in obj) return obj as unknown as Ticket;
    }
  }
  return undefined;
}

/** Describes the change the agent tried to make, for the conflict view. */
export function describePatch(patch: TicketPatch, names: (field: string, id: string | null) => string): string[] {
  return Object.entries(patch).map(([field, value]) => {
    const label = fields.find((f) => f.field === field)?.label ?? field;
    return `${label} → ${names(field, (value as string | null) ?? null)}`;
  });
}
