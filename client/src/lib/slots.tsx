import { createContext, type ReactNode, type RefObject, useContext } from 'react';

/**
 * Places where one feature shows what another provides, without importing it (a feature never
 * imports another): app/ fills the slots, the host feature renders them when they are filled.
 */
export interface FeatureSlots {
  /** Tools beside the ticket composer; `insert` adds text at the end of the message. */
  composerTools?: (insert: (text: string) => void, composer: ComposerHandle) => ReactNode;
  /** Shown under a new ticket's subject while it is typed (the help centre's suggestions). */
  newTicketSubjectHelp?: (subject: string) => ReactNode;
  /** Extra actions for staff on a ticket page. */
  ticketActions?: (ticketId: string) => ReactNode;
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

const SlotsContext = createContext<FeatureSlots>({});

export const FeatureSlotsProvider = SlotsContext.Provider;

export const useFeatureSlots = () => useContext(SlotsContext);
