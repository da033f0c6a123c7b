/**
 * Response shapes of the accounts, tickets and notifications APIs as the client reads them.
 * Kept loose on purpose where the server may add fields; switch to `@helpdesk/contract` types
 * as those modules land in contract/.
 */
export interface RoleRef {
  id: string;
  name: string;
}
export interface User {
  id: string;
  email: string;
  name: string;
  role: RoleRef;
  permissions: string[];
  departmentIds: string[];
  isActive: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}
export interface Role {
  id: string;
  name: string;
  description?: string | null;
  permissions: string[];
  isSystem?: boolean;
  userCount?: number;
}
export interface Department {
  id: string;
  name: string;
  description: string | null;
  isActive: boolean;
  autoAssign: boolean;
  memberIds: string[];
}
export interface Status {
  id: string;
  name: string;
  color: string;
  sortOrder: number;
  isClosed: boolean;
  isDefault: boolean;
}
export interface Priority {
  id: string;
  name: string;
  level: number;
  color: string;
  isDefault: boolean;
}
export interface PublicSettings {
  helpdeskName: string;
  selfSignup: boolean;
  setupNeeded: boolean;
}
export type Settings = Record<string, unknown>;

export interface Ref {
  id: string;
  name: string;
}
export interface TicketListItem {
  id: string;
  number: number;
  subject: string;
  status: { id: string; name: string; color: string; isClosed: boolean };
  priority: { id: string; name: string; level: number; color: string };
  department: Ref;
  customer: Ref;
  assignee: Ref | null;
  messageCount: number;
  lastActivityAt: string;
  createdAt: string;
  updatedAt: string;
  snippet?: string | null;
}
export interface Ticket extends TicketListItem {
  description: string;
  closedAt: string | null;
  version: number;
  createdBy?: Ref | null;
}
export interface Attachment {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  messageId?: string | null;
  /** Download address; `?inline=1` previews a raster image. */
  url?: string;
}
export interface Message {
  id: string;
  body: string;
  isInternal: boolean;
  author: { id: string; name: string; role?: string | RoleRef | null } | null;
  createdAt: string;
  attachments?: Attachment[];
}
export type AllowedActions = string[] | Record<string, boolean>;
export interface TicketDetail {
  ticket: Ticket;
  messages: Message[];
  allowedActions?: AllowedActions;
  attachments?: Attachment[];
}
export interface HistoryEvent {
  id: string;
  action: string;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  actor?: Ref | null;
  createdAt: string;
}
export interface Notification {
  id: string;
  type: string;
  title: string;
  body?: string | null;
  ticketId?: string | null;
  isRead: boolean;
  createdAt: string;
}
export interface AuditEntry {
  id: string;
  action: string;
  entityType?: string;
  entityId?: string | null;
  actor?: Ref | null;
  before?: unknown;
  after?: unknown;
  createdAt: string;
}
