import type { User } from '@helpdesk/contract';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { agentsQueryOptions } from '../../../lib/api/get-agents';
import { departmentsQueryOptions } from '../../../lib/api/get-departments';
import { draftPath, draftQueryOptions } from '../../../lib/api/get-draft';
import { meQueryOptions } from '../../../lib/api/get-me';
import { prioritiesQueryOptions } from '../../../lib/api/get-priorities';
import { statusesQueryOptions } from '../../../lib/api/get-statuses';
import { can, isStaff } from '../../../lib/permissions';
import { ticketQueryOptions } from './get-ticket';
import { ticketAttachmentsQueryOptions } from './get-ticket-attachments';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Starts loading a ticket and its page's code before the page shows (issue 22): when a ticket
 * URL is opened (the route's loader, beside the sign-in checks rather than after them) and when
 * the pointer rests on or the keyboard reaches a ticket's row. A ticket read in the last 15 s is
 * not asked for again (the queries' staleTime).
 */
export async function prefetchTicket(qc: QueryClient, id: string): Promise<void> {
  // Ahead of need: a chunk that fails here is reported when the page renders it.
  import('../ticket-page').catch(() => undefined);
  // Who asks decides what else the page reads: cached after the first page, else the first
  // batch's answer. Then everything the page shows first goes in one batch.
  const me = await qc.ensureQueryData(meQueryOptions).catch(() => null);
  if (!me) return;
  void qc.prefetchQuery(ticketQueryOptions(id));
  // The files and the reply's draft (the composer's first text) are read by uuid: with one in
  // the address they come in the same batch.
  if (uuid.test(id)) {
    void qc.prefetchQuery(ticketAttachmentsQueryOptions(id));
    void qc.prefetchQuery(draftQueryOptions(draftPath(id, 'reply')));
  }
  // Staff's controls need the reference lists (kept a minute).
  if (isStaff(me)) prefetchStaffLists(qc, me);
}

/** The reference lists staff's pages read first: statuses, priorities, departments, agents. */
export function prefetchStaffLists(qc: QueryClient, me: User): void {
  void qc.prefetchQuery(statusesQueryOptions);
  void qc.prefetchQuery(prioritiesQueryOptions);
  void qc.prefetchQuery(departmentsQueryOptions);
  if (can(me, 'users.view')) void qc.prefetchQuery(agentsQueryOptions);
}

export function usePrefetchTicket() {
  const qc = useQueryClient();
  return useCallback((id: string) => void prefetchTicket(qc, id), [qc]);
}
