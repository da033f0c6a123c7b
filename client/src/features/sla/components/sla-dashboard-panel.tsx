import { Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, QueryView } from '../../../components/ui/states';
import { useSlaReport } from '../api/ticket-sla';

const share = (met: number, breached: number) =>
  met + breached === 0 ? '–' : `${Math.round((met / (met + breached)) * 100)} % (${met}/${met + breached})`;

/** The dashboard's SLA compliance: first response and resolution over 7 / 30 days, breaches today. */
export function SlaDashboardPanel() {
  const { t } = useTranslation('sla');
  const [days, setDays] = useState('7');
  const report = useSlaReport(Number(days));
  return (
    <Paper withBorder p="md" data-testid="sla-dashboard">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('dashboard.title')}</Title>
          <SegmentedControl
            size="xs"
            value={days}
            onChange={setDays}
            data={['7', '30'].map((d) => ({ value: d, label: t('dashboard.days', { count: Number(d) }) }))}
          />
        </Group>
        <QueryView query={report}>
          {(r) => (
            <>
              <Text size="sm" fw={600} c={r.breachesToday > 0 ? 'red' : undefined}>
                {t('dashboard.breachesToday', { count: r.breachesToday })}
              </Text>
              {r.rows.length === 0 ? (
                <Empty title={t('dashboard.empty')} />
              ) : (
                <Table.ScrollContainer minWidth={480}>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('dashboard.department')}</Table.Th>
                        <Table.Th>{t('dashboard.priority')}</Table.Th>
                        <Table.Th>{t('dashboard.firstResponse')}</Table.Th>
                        <Table.Th>{t('dashboard.resolution')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.rows.map((row) => (
                        <Table.Tr key={`${row.departmentId}-${row.priorityId}`}>
                          <Table.Td>{row.departmentName}</Table.Td>
                          <Table.Td>{row.priorityName}</Table.Td>
                          <Table.Td>{share(row.firstResponseMet, row.firstResponseBreached)}</Table.Td>
                          <Table.Td>{share(row.resolutionMet, row.resolutionBreached)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </>
          )}
        </QueryView>
      </Stack>
    </Paper>
  );
}
