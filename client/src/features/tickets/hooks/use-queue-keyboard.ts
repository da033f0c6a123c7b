import type { TicketListItem } from '@helpdesk/contract';
import { useHotkeys } from '@mantine/hooks';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { moveCursor } from '../saved-views';
import type { QueueSelection } from './use-queue-selection';

/** j/k move the cursor, Enter opens its ticket, x picks it, / searches, ? lists the shortcuts. */
export function useQueueKeyboard({
  items,
  selection,
  onSearch,
  onHelp,
}: {
  items: TicketListItem[];
  selection: QueueSelection;
  onSearch: () => void;
  onHelp: () => void;
}) {
  const navigate = useNavigate();
  const { cursor, setCursor, toggle } = selection;
  /** A key that acts on the ticket under the cursor, if any. */
  const onCursor = (act: (ticket: TicketListItem) => void) => () => {
    const ticket = items[cursor];
    if (ticket) act(ticket);
  };
  useHotkeys([
    ['j', () => setCursor((c) => moveCursor(c, 1, items.length))],
    ['k', () => setCursor((c) => moveCursor(c, -1, items.length))],
    ['Enter', onCursor((ticket) => navigate(paths.ticket(ticket.id)))],
    ['x', onCursor((ticket) => toggle(ticket.id))],
    ['/', onSearch, { preventDefault: true }],
    ['shift+?', onHelp],
    ['?', onHelp],
  ]);
  useEffect(() => {
    if (cursor >= 0) document.querySelector(`[data-row-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
}
