import type { TicketSlaSummary } from '@helpdesk/contract';
import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { exactTime } from '../../lib/time';

/** The colour of each SLA state (docs/sla.md). */
export const slaColors: Record<TicketSlaSummary['state'], string> = {
  ok: 'green',
  warning: 'yellow',
  breached: 'red',
  paused: 'gray',
  met: 'blue',
};

/** "2 h 10 min", "3 d 4 h", "25 min" in the user's language. */
export function formatMinutes(t: TFunction<'sla'>, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return t('duration.dh', { d: days, h: hours });
  if (hours > 0) return mins ? t('duration.hm', { h: hours, m: mins }) : t('duration.h', { h: hours });
  return t('duration.m', { m: mins });
}

/** What the badge says: "due in 2 h 10 min (business time)", "breached 35 min ago", "paused", "met". */
export function slaText(t: TFunction<'sla'>, sla: TicketSlaSummary, now: number = Date.now()): string {
  if (sla.state === 'ok' || sla.state === 'warning') {
    return t('badge.dueIn', { time: formatMinutes(t, sla.businessMinutesLeft ?? 0) });
  }
  if (sla.state === 'breached' && sla.dueAt) {
    return t('badge.breachedAgo', { time: formatMinutes(t, (now - Date.parse(sla.dueAt)) / 60_000) });
  }
  return t(`states.${sla.state}`);
}

/**
 * A ticket's SLA state as a coloured badge; the due time's kind and instant in its title (on
 * hover). No Mantine Tooltip: the queue rendered one per row, each placing itself on mount
 * (floating-ui reading computed styles), which was a tenth of the queue's first render (issue 22).
 */
export function SlaBadge({ sla }: { sla: TicketSlaSummary | undefined }) {
  const { t } = useTranslation('sla');
  if (!sla) return null;
  const title =
    sla.dueAt && sla.dueKind
      ? t('badge.tooltip', { kind: t(`kinds.${sla.dueKind}`), at: exactTime(sla.dueAt) })
      : undefined;
  return (
    <Badge
      color={slaColors[sla.state]}
      variant="light"
      size="sm"
      data-testid="sla-badge"
      data-state={sla.state}
      title={title}
    >
      {slaText(t, sla)}
    </Badge>
  );
}
