import type { TicketListItem } from '@helpdesk/contract';
import { ColorBadge } from '../../../components/ui/color-badge';

export function StatusBadge({ status }: { status: TicketListItem['status'] }) {
  return <ColorBadge color={status.color}>{status.name}</ColorBadge>;
}
export function PriorityBadge({ priority }: { priority: TicketListItem['priority'] }) {
  return <ColorBadge color={priority.color}>{priority.name}</ColorBadge>;
}
