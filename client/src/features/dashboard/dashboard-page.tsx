import type { Dashboard } from '@helpdesk/contract';
import { Card, Paper, SimpleGrid, Stack, Text, Title, useComputedColorScheme } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Empty, QueryView } from '../../components/ui/states';
import { useDashboard } from './api/get-dashboard';
import { formatMinutes, perDay, type Slice, slices } from './dashboard-model';

function SliceChart({ title, data }: { title: string; data: Slice[] }) {
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {title}
      </Text>
      {data.length === 0 ? (
        <Empty title="No open tickets" />
      ) : (
        <div
          style={{ width: '100%', height: 220 }}
          role="img"
          aria-label={`${title}: ${data.map((d) => `${d.name} ${d.count}`).join(', ')}`}
        >
          <ResponsiveContainer>
            <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fill: 'currentColor', fontSize: 12 }} />
              <YAxis type="category" dataKey="name" width={110} tick={{ fill: 'currentColor', fontSize: 12 }} />
              <Tooltip />
              <Bar isAnimationActive={false} dataKey="count" name="Open" fill="#228be6">
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
  const scheme = useComputedColorScheme('light');
  return (
    <Stack>
      <Title order={1} size="h2">
        Dashboard
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <Stat label="Unassigned open" value={dashboard.unassignedOpen.toLocaleString()} />
        <Stat label="My open" value={dashboard.myOpen.toLocaleString()} />
        <Stat label="Median first response" value={formatMinutes(dashboard.medianFirstResponseMinutes)} />
        <Stat label="Median resolution" value={formatMinutes(dashboard.medianResolutionMinutes)} />
      </SimpleGrid>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          Created vs closed, last 30 days
        </Text>
        <div style={{ width: '100%', height: 260, color: scheme === 'dark' ? '#c9c9c9' : '#495057' }}>
          <ResponsiveContainer>
            <LineChart data={perDay(dashboard.perDay)} margin={{ left: 0, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" tick={{ fill: 'currentColor', fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fill: 'currentColor', fontSize: 12 }} />
              <Tooltip />
              <Legend />
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="created"
                name="Created"
                stroke="#228be6"
                dot={false}
                strokeWidth={2}
              />
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="closed"
                name="Closed"
                stroke="#40c057"
                dot={false}
                strokeWidth={2}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <SliceChart title="Open by status" data={slices(dashboard.openByStatus)} />
        <SliceChart title="Open by priority" data={slices(dashboard.openByPriority)} />
        <SliceChart title="Open by department" data={slices(dashboard.openByDepartment)} />
      </SimpleGrid>
    </Stack>
  );
}
