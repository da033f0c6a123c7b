import type { Dashboard } from '@helpdesk/contract';
import { Card, Paper, SimpleGrid, Stack, Text, Title, useComputedColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Empty, QueryView } from '../../components/ui/states';
import { useFeatureSlots } from '../../lib/slots';
import { formatNumber } from '../../lib/time';
import { useDashboard } from './api/get-dashboard';
import { anyActivity, formatMinutes, perDay, type Slice, slices } from './dashboard-model';

type SliceKind = 'status' | 'priority' | 'department';

function SliceChart({ title, kind, data }: { title: string; kind: SliceKind; data: Slice[] }) {
  const { t } = useTranslation('dashboard');
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {title}
      </Text>
      {data.length === 0 ? (
        <Empty title={t('slices.emptyTitle')}>{t(`slices.emptyBody.${kind}`)}</Empty>
      ) : (
        <div
          style={{ width: '100%', height: 220 }}
          role="img"
          aria-label={`${title}: ${data.map((d) => `${d.name} ${formatNumber(d.count)}`).join(', ')}`}
        >
          <ResponsiveContainer>
            <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis
                type="number"
                allowDecimals={false}
                tickFormatter={(v: number) => formatNumber(v)}
                tick={{ fill: 'currentColor', fontSize: 12 }}
              />
              <YAxis type="category" dataKey="name" width={110} tick={{ fill: 'currentColor', fontSize: 12 }} />
              <Tooltip formatter={(v) => formatNumber(Number(v))} />
              <Bar isAnimationActive={false} dataKey="count" name={t('slices.open')} fill="#228be6">
                {data.map((d) => (
                  <Cell key={d.name} fill={d.color ?? '#228be6'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Paper>
  );
}

/** Tickets created and closed each day, as bars side by side: counts per day, no invented curve between them. */
function PerDayChart({ days }: { days: Dashboard['perDay'] }) {
  const { t } = useTranslation('dashboard');
  const scheme = useComputedColorScheme('light');
  const total = (key: 'created' | 'closed') => formatNumber(days.reduce((sum, d) => sum + d[key], 0));
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t('perDay.title')}
      </Text>
      {anyActivity(days) ? (
        <div
          style={{ width: '100%', height: 260, color: scheme === 'dark' ? '#c9c9c9' : '#495057' }}
          role="img"
          aria-label={t('perDay.summary', { created: total('created'), closed: total('closed') })}
          data-testid="per-day-chart"
        >
          <ResponsiveContainer>
            <BarChart data={perDay(days)} margin={{ left: 0, right: 16 }} barGap={1}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="date" tick={{ fill: 'currentColor', fontSize: 12 }} minTickGap={12} />
              <YAxis
                allowDecimals={false}
                tickFormatter={(v: number) => formatNumber(v)}
                tick={{ fill: 'currentColor', fontSize: 12 }}
              />
              <Tooltip formatter={(v) => formatNumber(Number(v))} />
              <Legend />
              <Bar isAnimationActive={false} dataKey="created" name={t('perDay.created')} fill="#228be6" />
              <Bar isAnimationActive={false} dataKey="closed" name={t('perDay.closed')} fill="#2f9e44" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <Empty title={t('perDay.emptyTitle')}>{t('perDay.emptyBody')}</Empty>
      )}
    </Paper>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm" data-testid="stat">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  );
}

export default function DashboardPage() {
  const dashboard = useDashboard();
  return <QueryView query={dashboard}>{(data) => <DashboardView dashboard={data} />}</QueryView>;
}

function DashboardView({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation('dashboard');
  const { dashboardPanels } = useFeatureSlots();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <Stat label={t('stats.unassignedOpen')} value={formatNumber(dashboard.unassignedOpen)} />
        <Stat label={t('stats.myOpen')} value={formatNumber(dashboard.myOpen)} />
        <Stat label={t('stats.medianFirstResponse')} value={formatMinutes(dashboard.medianFirstResponseMinutes)} />
        <Stat label={t('stats.medianResolution')} value={formatMinutes(dashboard.medianResolutionMinutes)} />
      </SimpleGrid>
      <PerDayChart days={dashboard.perDay} />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <SliceChart title={t('slices.byStatus')} kind="status" data={slices(dashboard.openByStatus)} />
        <SliceChart title={t('slices.byPriority')} kind="priority" data={slices(dashboard.openByPriority)} />
        <SliceChart title={t('slices.byDepartment')} kind="department" data={slices(dashboard.openByDepartment)} />
      </SimpleGrid>
      {dashboardPanels?.()}
    </Stack>
  );
}
