import { createContext, type ReactNode, type RefObject, useContext } from 'react';

/**
 * Places where one feature shows what another provides, without importing it (a feature never
 * imports another): app/ fills the slots, the host feature renders them when they are filled.
 */
export interface FeatureSlots {
  /** Tools beside the ticket composer; `insert` adds text at the end of the message. */
  composerTools?: (insert: (text: string) => void) => ReactNode;
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
