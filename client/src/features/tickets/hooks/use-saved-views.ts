import type { TicketStatus } from '@helpdesk/contract';
import { useState } from 'react';
import { randomId } from '../../../lib/id';
import type { TicketFilters } from '../api/list-tickets';
import { builtInViews, loadViews, type SavedView, sameFilters, storeViews } from '../saved-views';

/** The built-in views and the agent's own (kept in this browser), and which one the filters show. */
export function useSavedViews(userId: string | undefined, statuses: TicketStatus[], filters: TicketFilters) {
  const [own, setOwn] = useState<SavedView[]>(() => (userId ? loadViews(userId) : []));
  const keep = (next: SavedView[]) => {
    setOwn(next);
    if (userId) storeViews(userId, next);
  };
  const views = [...builtInViews(statuses), ...own];
  return {
    views,
    /** A search shows no view. */
    active: filters.q ? undefined : views.find((v) => sameFilters(v.filters, filters)),
    save: (name: string) => keep([...own, { id: randomId(), name: name.trim().slice(0, 60), filters }]),
    remove: (id: string) => keep(own.filter((v) => v.id !== id)),
  };
}
