import type { Attachment, Tag, Ticket, TicketListItem, TicketMessage } from '@helpdesk/contract';
import { jsonColumn } from '../../db/client.js';
import { iso } from '../../lib/timestamps.js';
import { withFields } from '../../lib/with-fields.js';
import type { SlaCells } from '../sla/sla-clock.service.js';
import type { HistoryRow, MessageRow, TicketListRow, TicketViewRow } from './queue.queries.js';

/** The names a row shows beside its ids: from memory for the queue (queue-names.ts), joined for one ticket. */
export interface RowNames {
  status(id: string): TicketListItem['status'];
  priority(id: string): TicketListItem['priority'];
  department(id: string): TicketListItem['department'];
  /** A customer's or an assignee's name. */
  person(id: string): TicketListItem['customer'];
  /** Staff viewers only (tags are staff-only, docs/tags.md): the row's tags, sorted by name. */
  tags?(row: TicketListRow): Tag[];
}

/** A queue row: only the fields of the contract, so new columns never leak. */
export function toListItem(row: TicketListRow, names: RowNames, slaCell?: SlaCells): TicketListItem {
  const item: TicketListItem = {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    status: names.status(row.statusId),
    priority: names.priority(row.priorityId),
    department: names.department(row.departmentId),
    customer: names.person(row.customerId),
    assignee: row.assigneeId ? names.person(row.assigneeId) : null,
    messageCount: Number(row.messageCount),
    lastActivityAt: iso(row.lastActivityAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
  if (row.snippet != null) item.snippet = row.snippet;
  if (row.rank != null) item.rank = Number(row.rank);
  if (names.tags) item.tags = names.tags(row);
  // Only staff viewers' reads have the SLA columns; a ticket without a service level has none.
  if (slaCell && row.slaTerms !== undefined) {
    const summary = slaCell(row);
    if (summary) item.sla = summary;
  }
  return item;
}

/** The names the detail view's statement joined (queue.queries.ts viewColumns). */
const joinedNames = (row: TicketViewRow): RowNames => ({
  status: () => ({ id: row.statusId, name: row.statusName, color: row.statusColor, isClosed: row.statusIsClosed }),
  priority: () => ({ id: row.priorityId, name: row.priorityName, level: row.priorityLevel, color: row.priorityColor }),
  department: () => ({ id: row.departmentId, name: row.departmentName }),
  person: (id) => ({ id, name: (id === row.customerId ? row.customerName : row.assigneeName) ?? '' }),
  // Only staff viewers' reads have the column (queue.queries.ts).
  tags: row.tags !== undefined ? () => jsonColumn(row.tags) ?? [] : undefined,
});

export function toTicket(row: TicketViewRow): Ticket {
  const { snippet: _s, rank: _r, ...item } = toListItem(row, joinedNames(row));
  return withFields(item, {
    description: row.description,
    closedAt: row.closedAt ? iso(row.closedAt) : null,
    version: row.version,
    createdBy: { id: row.createdById, name: row.createdByName },
  });
}

export function toMessage(row: MessageRow, attachments: Attachment[] = []): TicketMessage {
  return {
    id: row.id,
    body: row.body,
    isInternal: row.isInternal,
    author: { id: row.authorId, name: row.authorName, role: row.authorRole },
    createdAt: iso(row.createdAt),
    attachments,
  };
}

export function toHistoryEntry(row: HistoryRow) {
  return {
    id: row.id,
    action: row.action,
    field: row.field,
    oldValue: row.oldValue,
    newValue: row.newValue,
    isInternal: row.isInternal,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null,
    createdAt: iso(row.createdAt),
  };
}
