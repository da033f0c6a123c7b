/** The API's shapes, from the contract (the source of truth), under the names the client uses. */
export type {
  Attachment,
  AuditEntry,
  Department,
  Notification,
  PublicSettings,
  Role,
  Ticket,
  TicketDetail,
  TicketListItem,
  TicketMessage as Message,
  TicketPriority as Priority,
  TicketStatus as Status,
  TwoFactorStatus,
  User,
} from '@helpdesk/contract';

/** Settings as the admin page edits them: known fields plus whatever later features add. */
export type Settings = Record<string, unknown>;

export interface Ref {
  id: string;
  name: string;
}

/** `allowedActions` of the ticket detail. */
export type AllowedActions = readonly string[] | Record<string, boolean>;

/** One entry of `GET /api/tickets/:id/history`. */
export interface HistoryEvent {
  id: string;
  action: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  isInternal?: boolean;
  actor: Ref | null;
  createdAt: string;
}
