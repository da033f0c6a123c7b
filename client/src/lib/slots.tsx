import type { CustomFieldValues, Notification, Ticket, TicketListItem } from '@helpdesk/contract';
import { createContext, type ReactNode, type RefObject, useContext } from 'react';

/**
 * Places where one feature shows what another provides, without importing it (a feature never
 * imports another): app/ fills the slots, the host feature renders them when they are filled.
 */
export interface FeatureSlots {
  /** Actions beside a notification on the notifications page (unfollow a followed ticket). */
  notificationActions?: (notification: Notification) => ReactNode;
  /** Tools beside the ticket composer; `insert` adds text at the end of the message. */
  composerTools?: (insert: (text: string) => void, composer: ComposerHandle) => ReactNode;
  /** Add-ons of the ticket composer: drafts, typing presence, the "someone replied" check (issue 17). */
  composerAddons?: (composer: ComposerState) => ReactNode;
  /** Who else (staff) is on the ticket page now (issue 17). */
  ticketPresence?: (ticketId: string) => ReactNode;
  /** Keeps the new-ticket form's draft (issue 17). */
  newTicketAddons?: (form: NewTicketState) => ReactNode;
  /** Shown under a new ticket's subject while it is typed (the help centre's suggestions). */
  newTicketSubjectHelp?: (subject: string) => ReactNode;
  /** Extra actions for staff on a ticket page. */
  ticketActions?: (ticketId: string) => ReactNode;
  /** A panel under a ticket's conversation (satisfaction ratings); `version` changes with every change of the ticket. */
  ticketPanel?: (ticket: { id: string; version: number; isClosed: boolean }) => ReactNode;
  /** Panels at the end of the dashboard (satisfaction figures). */
  dashboardPanels?: () => ReactNode;
  /** Panels under the staff controls of a ticket page (the ticket's tags, the customer beside the ticket). */
  ticketSidebar?: (ticket: Ticket) => ReactNode;
  /** Shown after a queue row's subject (tag chips). */
  queueRowExtras?: (item: TicketListItem) => ReactNode;
  /** More actions of the queue's bulk bar for the picked tickets; `done` clears the pick. */
  queueBulkActions?: (ticketIds: string[], done: () => void) => ReactNode;
  /** A list of tag names with autocomplete, for another feature's form (canned responses' tags on send). */
  tagNamesInput?: (props: TagNamesInputProps) => ReactNode;
  /** More queue filters, over their own query parameters of the queue (as text). */
  queueFilters?: (
    filters: Record<string, string | undefined>,
    change: (changes: Record<string, string | undefined>) => void,
    width: number | string,
  ) => ReactNode;
  /** Beside the ticket (custom fields: staff's sidebar, the customer's page); `onSaved` refreshes the ticket. */
  ticketFields?: (ticket: { id: string; version: number }, onSaved: () => void) => ReactNode;
  /** Inputs of a new ticket for the chosen department (custom fields); `error` is the create's failure. */
  newTicketFields?: (props: {
    departmentId: string;
    values: CustomFieldValues;
    onChange: (values: CustomFieldValues) => void;
    error: unknown;
  }) => ReactNode;
  /** Extra pickers of the queue (custom field filter and columns); `field` is the `field` query parameter. */
  queueFieldTools?: (field: string | undefined, onChange: (field: string | undefined) => void) => ReactNode;
  /** Extra queue columns: header cells, and a row's cells (`ticketIds`: the rows shown, fetched together). */
  queueColumns?: { header: () => ReactNode; cells: (ticketId: string, ticketIds: string[]) => ReactNode };
}

export interface TagNamesInputProps {
  label: string;
  value: string[];
  onChange: (names: string[]) => void;
  error?: ReactNode;
  max?: number;
}

/** What composer tools may do beyond `insert`. */
export interface ComposerHandle {
  ticketId: string;
  /** The message box: tools may listen to its keys (a `/` at the start of a line). */
  textarea: RefObject<HTMLTextAreaElement | null>;
  /** Replaces the whole message. */
  setBody: (text: string) => void;
  /** Adds files to send with the message. */
  addFiles: (files: File[]) => void;
  /** Runs `task` once after the next message is sent (then the ticket is reloaded); returns a cancel. */
  onSent: (task: () => Promise<void>) => () => void;
}

/** What composer add-ons hook into: a question before sending, clean-up after it was sent. */
export interface ComposerHooks {
  /** Calls `send` now, or later once the user confirmed (the "someone replied" question). */
  confirmSend?: (send: () => void) => void;
  /** The message was sent (drafts are removed). */
  sent?: () => void;
}

/** The ticket composer as its add-ons see it. */
export interface ComposerState {
  ticketId: string;
  kind: 'reply' | 'note';
  text: string;
  setText: (text: string) => void;
  hooks: RefObject<ComposerHooks>;
  /** Reloads the conversation (to read a message that just arrived). */
  showNewer: () => void;
  /** Whether the conversation on screen has this message. */
  shows: (messageId: string) => boolean;
  /** Staff (presence and the "someone replied" check are between staff). */
  staff: boolean;
}

/** The new-ticket form as its add-ons see it. */
export interface NewTicketState {
  subject: string;
  body: string;
  restore: (draft: { subject: string; body: string }) => void;
  hooks: RefObject<ComposerHooks>;
}

const SlotsContext = createContext<FeatureSlots>({});

export const FeatureSlotsProvider = SlotsContext.Provider;

export const useFeatureSlots = () => useContext(SlotsContext);
