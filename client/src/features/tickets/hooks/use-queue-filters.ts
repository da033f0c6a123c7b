import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useSearchBox } from '../../../lib/use-search-box';
import type { TicketFilters } from '../api/list-tickets';
import { paramsFromFilters, queueFiltersFrom } from '../saved-views';

/**
 * The queue's filters, kept in the address (a link or a reload shows the same queue; none means
 * all open tickets). The search box feeds `q` once typing pauses.
 */
export function useQueueFilters(onChange: () => void) {
  const [params, setParams] = useSearchParams();
  const filters = queueFiltersFrom(params);
  const search = useSearchBox(filters.q ?? '');

  const setFilters = (next: TicketFilters) => {
    setParams(paramsFromFilters(next), { replace: true });
    onChange();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed (debounced) search drives this
  useEffect(() => {
    if ((filters.q ?? '') !== search.query) setFilters({ ...filters, q: search.query || undefined });
  }, [search.query]);

  return {
    filters,
    setFilters,
    searchProps: search.inputProps,
    /** A view's filters, with the search box emptied. */
    showView: (viewFilters: TicketFilters) => {
      search.setText('');
      setFilters(viewFilters);
    },
  };
}
