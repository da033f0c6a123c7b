import { filterableFieldTypes } from '@helpdesk/contract';
import { Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFields } from '../api/list-fields';
import { useColumnKeys } from './queue-columns';

/**
 * The queue's custom-field pickers: one field filter (`field=key:value`, docs/custom-fields.md)
 * and the field columns to show.
 */
export function QueueFieldTools({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const { t } = useTranslation('fields');
  const fields = useFields();
  const [columns, setColumns] = useColumnKeys();
  // The field chosen before it has a value (the filter is only sent with one).
  const [pickedKey, setPickedKey] = useState<string | null>(null);
  const all = fields.data ?? [];
  if (all.length === 0) return null;
  const [key = '', raw = ''] = value ? [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)] : [];
  const field = all.find((f) => f.key === (key || pickedKey));
  const filterable = all.filter((f) => filterableFieldTypes.includes(f.type));
  const set = (k: string, v: string) => onChange(k && v ? `${k}:${v}` : undefined);
  const [from = '', to = ''] = raw.split('..');

  return (
    <>
      <Select
        label={t('queue.filter')}
        w={170}
        clearable
        data={filterable.map((f) => ({ value: f.key, label: f.label }))}
        value={field ? field.key : null}
        onChange={(k) => {
          setPickedKey(k);
          onChange(undefined);
        }}
        data-testid="queue-field-filter"
      />
      {field && (field.type === 'select' || field.type === 'multi_select') && (
        <Select
          label={field.label}
          w={170}
          clearable
          data={field.options.map((o) => ({ value: o.id, label: o.label }))}
          value={raw || null}
          onChange={(v) => set(field.key, v ?? '')}
        />
      )}
      {field?.type === 'checkbox' && (
        <Select
          label={field.label}
          w={120}
          clearable
          data={[
            { value: 'true', label: t('queue.yes') },
            { value: 'false', label: t('queue.no') },
          ]}
          value={raw || null}
          onChange={(v) => set(field.key, v ?? '')}
        />
      )}
      {field?.type === 'date' && (
        <Group gap="xs" wrap="nowrap">
          <TextInput
            type="date"
            label={t('queue.from')}
            value={from}
            onChange={(e) => set(field.key, e.currentTarget.value || to ? `${e.currentTarget.value}..${to}` : '')}
          />
          <TextInput
            type="date"
            label={t('queue.to')}
            value={to}
            onChange={(e) => set(field.key, from || e.currentTarget.value ? `${from}..${e.currentTarget.value}` : '')}
          />
        </Group>
      )}
      <MultiSelect
        label={t('queue.columns')}
        w={200}
        clearable
        data={all.map((f) => ({ value: f.key, label: f.label }))}
        value={columns}
        onChange={setColumns}
        data-testid="queue-field-columns"
      />
    </>
  );
}
