import type { CustomFieldValues } from '@helpdesk/contract';
import { createContext, type ReactNode, useContext } from 'react';

/**
 * Places where one feature shows what another provides, without importing it (a feature never
 * imports another): app/ fills the slots, the host feature renders them when they are filled.
 */
export interface FeatureSlots {
  /** Tools beside the ticket composer; `insert` adds text at the end of the message. */
  composerTools?: (insert: (text: string) => void) => ReactNode;
  /** Shown under a new ticket's subject while it is typed (the help centre's suggestions). */
  newTicketSubjectHelp?: (subject: string) => ReactNode;
  /** Extra actions for staff on a ticket page. */
  ticketActions?: (ticketId: string) => ReactNode;
  /** Beside the ticket (custom fields: staff's sidebar, the customer's page); `onSaved` refreshes the ticket. */
  ticketSidebar?: (ticket: { id: string; version: number }, onSaved: () => void) => ReactNode;
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

const SlotsContext = createContext<FeatureSlots>({});

export const FeatureSlotsProvider = SlotsContext.Provider;

export const useFeatureSlots = () => useContext(SlotsContext);
