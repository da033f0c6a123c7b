import type { Attachment, Ticket, TicketListItem, TicketMessage } from '@helpdesk/contract';
import { jsonColumn } from '../../db/client.js';
import { iso } from '../../lib/timestamps.js';
import type { SlaCells } from '../sla/sla-clock.service.js';
import type { HistoryRow, MessageRow, TicketViewRow } from './queue.queries.js';

/** A queue row: only the fields of the contract, so new columns never leak. */
export function toListItem(row: TicketViewRow, slaCell?: SlaCells): TicketListItem {
  const item: TicketListItem = {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    status: { id: row.statusId, name: row.statusName, color: row.statusColor, isClosed: row.statusIsClosed },
    priority: { id: row.priorityId, name: row.priorityName, level: row.priorityLevel, color: row.priorityColor },
    department: { id: row.departmentId, name: row.departmentName },
    customer: { id: row.customerId, name: row.customerName },
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    messageCount: Number(row.messageCount),
    lastActivityAt: iso(row.lastActivityAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
  if (row.snippet != null) item.snippet = row.snippet;
  if (row.rank != null) item.rank = Number(row.rank);
  // Only staff viewers' reads have the column (queue.queries.ts).
  if (row.tags !== undefined) item.tags = jsonColumn(row.tags) ?? [];
  // Only staff viewers' reads have the SLA columns; a ticket without a service level has none.
  if (slaCell && row.slaTerms !== undefined) {
    const summary = slaCell(row);
    if (summary) item.sla = summary;
  }
  return item;
}

export function toTicket(row: TicketViewRow): Ticket {
  const { snippet: _s, rank: _r, ...item } = toListItem(row);
  return {
    ...item,
    description: row.description,
    closedAt: row.closedAt ? iso(row.closedAt) : null,
    version: row.version,
    createdBy: { id: row.createdById, name: row.createdByName },
  };
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
