import type { CsatFigure, SatisfactionSummary } from '@helpdesk/contract';
import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Panel } from '../../../components/ui/panel';
import { QueryView } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { paths } from '../../../config/paths';
import { formatNumber } from '../../../lib/time';
import { useSatisfactionSummary } from '../api/get-summary';
import { RatingBadge } from './rating-badge';

/** "87.5 %" or a dash without ratings. */
function Percent({ figure }: { figure: CsatFigure }) {
  const { t } = useTranslation('satisfaction');
  return (
    <span title={t('dashboard.counts', { good: figure.good, bad: figure.bad })}>
      {figure.percent === null ? '–' : `${formatNumber(figure.percent)} %`}
    </span>
  );
}

function FigureTable({
  label,
  rows,
}: {
  label: string;
  rows: { key: string; name: string; last7Days: CsatFigure; last30Days: CsatFigure }[];
}) {
  const { t } = useTranslation('satisfaction');
  if (rows.length === 0) return null;
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{label}</Table.Th>
          <Table.Th>{t('dashboard.last7')}</Table.Th>
          <Table.Th>{t('dashboard.last30')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td>
              <Percent figure={r.last7Days} />
            </Table.Td>
            <Table.Td>
              <Percent figure={r.last30Days} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** On the dashboard: CSAT (good ÷ rated) over 7 and 30 days, by department and agent, and comments. */
export function CsatPanel() {
  const summary = useSatisfactionSummary();
  return <QueryView query={summary}>{(data) => <CsatView summary={data} />}</QueryView>;
}

function CsatView({ summary }: { summary: SatisfactionSummary }) {
  const { t } = useTranslation('satisfaction');
  return (
    <Panel title={t('dashboard.title')}>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {(['last7Days', 'last30Days'] as const).map((w) => (
          <Card withBorder padding="sm" key={w} data-testid={`csat-${w}`}>
            <Text size="xs" c="dimmed">
              {t(w === 'last7Days' ? 'dashboard.last7' : 'dashboard.last30')}
            </Text>
            <Text fw={700} size="xl">
              <Percent figure={summary.overall[w]} />
            </Text>
            <Text size="xs" c="dimmed">
              {t('dashboard.counts', { good: summary.overall[w].good, bad: summary.overall[w].bad })}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <FigureTable
          label={t('dashboard.department')}
          rows={summary.byDepartment.map((d) => ({ key: d.department.id, name: d.department.name, ...d }))}
        />
        <FigureTable
          label={t('dashboard.agent')}
          rows={summary.byAgent.map((a) => ({
            key: a.agent?.id ?? 'none',
            name: a.agent?.name ?? t('dashboard.unassigned'),
            ...a,
          }))}
        />
      </SimpleGrid>
      <Stack gap="xs">
        <Text fw={600}>{t('dashboard.latestComments')}</Text>
        {summary.latestComments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dashboard.noComments')}
          </Text>
        ) : (
          summary.latestComments.map((c) => (
            <Group key={`${c.ticketId}-${c.ratedAt}`} gap="xs" wrap="nowrap" align="flex-start">
              <RatingBadge rating={c.rating} />
              <Stack gap={0}>
                <Text size="sm" className="user-text">
                  {c.comment}
                </Text>
                <Text size="xs" c="dimmed">
                  {/* Underlined: in dimmed text the link's colour alone is too close to the text's (axe). */}
                  <Anchor component={Link} to={paths.ticket(c.ticketNumber)} size="xs" underline="always">
                    #{c.ticketNumber}
                  </Anchor>{' '}
                  · <TimeAgo value={c.ratedAt} />
                </Text>
              </Stack>
            </Group>
          ))
        )}
      </Stack>
    </Panel>
  );
}
