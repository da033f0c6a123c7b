import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMinutes, SlaBadge, slaColors } from '../../../components/ui/sla-badge';
import { useTicketSla } from '../api/ticket-sla';

/** The ticket sidebar (staff): the policy, each target with its due time and state (docs/sla.md). */
/** `changed`: anything that changes with the ticket (its version, last update, messages), to read the clock again. */
export function TicketSlaPanel({ ticketId, changed }: { ticketId: string; changed: string }) {
  const { t, i18n } = useTranslation('sla');
  const sla = useTicketSla(ticketId, changed);
  if (!sla.data && sla.data !== null) return null;
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  return (
    <Paper withBorder p="sm" data-testid="ticket-sla">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {t('sidebar.title')}
          </Text>
          {sla.data && <SlaBadge sla={sla.data} />}
        </Group>
        {sla.data === null ? (
          <Text size="sm" c="dimmed">
            {t('sidebar.none')}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('sidebar.policy')}: {sla.data.policy.name} · {t('sidebar.calendar')}: {sla.data.calendar.name} (
              {sla.data.calendar.timeZone}) · {t('sidebar.warning', { percent: sla.data.warningPercent })}
            </Text>
            {sla.data.targets.map((x) => (
              <Group key={x.kind} justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">
                  {t('sidebar.target', { kind: t(`kinds.${x.kind}`), time: formatMinutes(t, x.minutes) })}
                </Text>
                <Text size="xs" c={slaColors[x.state]} data-testid={`sla-target-${x.kind}`} data-state={x.state}>
                  {x.metAt
                    ? t('sidebar.metAt', { at: when(x.metAt) })
                    : x.dueAt
                      ? t('sidebar.due', { at: when(x.dueAt) })
                      : t(`states.${x.state}`)}
                </Text>
              </Group>
            ))}
            {sla.data.pausedAt && (
              <Text size="xs" c="dimmed">
                {t('sidebar.pausedSince', { at: when(sla.data.pausedAt) })}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
