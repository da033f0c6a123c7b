import type { CustomField, CustomFieldValue } from '@helpdesk/contract';
import { Table, Text } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../lib/auth';
import { useFields } from '../api/list-fields';
import { useTicketValues } from '../api/ticket-values';

/** The field keys an agent shows as queue columns, kept per user in this browser. */
export function useColumnKeys() {
  const user = useUser();
  return useLocalStorage<string[]>({ key: `helpdesk.queueFieldColumns.${user?.id ?? 'anon'}`, defaultValue: [] });
}

function useColumns(): CustomField[] {
  const [keys] = useColumnKeys();
  const fields = useFields({ enabled: keys.length > 0 });
  return keys.flatMap((k) => fields.data?.find((f) => f.key === k) ?? []);
}

/** A value as text: option labels, yes/no, or the text itself (shown as text, never HTML). */
function shown(field: CustomField, value: CustomFieldValue | undefined, yes: string): string {
  if (value === undefined || value === null || value === false) return '';
  if (value === true) return yes;
  const label = (id: string) => field.options.find((o) => o.id === id)?.label ?? '';
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (field.type === 'select') return label(String(value));
  return String(value);
}

export function QueueColumnHeaders() {
  return useColumns().map((f) => (
    <Table.Th key={f.id} visibleFrom="md" className="user-text">
      {f.label}
    </Table.Th>
  ));
}

export function QueueColumnCells({ ticketId, ticketIds }: { ticketId: string; ticketIds: string[] }) {
  const { t } = useTranslation('fields');
  const columns = useColumns();
  const values = useTicketValues(ticketIds, columns.length > 0);
  return columns.map((f) => (
    <Table.Td key={f.id} visibleFrom="md">
      <Text size="sm" className="user-text" lineClamp={2}>
        {shown(f, values.data?.[ticketId]?.[f.key], t('queue.yes'))}
      </Text>
    </Table.Td>
  ));
}
