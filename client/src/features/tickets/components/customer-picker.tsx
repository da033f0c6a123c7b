import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Option } from '../../../lib/options';
import { useCustomerSearch } from '../api/find-customers';

/** Staff file a ticket for a customer: search customers by name or email. Empty: yourself. */
export function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value?: string | null;
  onChange: (id: string | null) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation('tickets');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const customers = useCustomerSearch(q);
  const [picked, setPicked] = useState<Option | null>(null);
  const options = (customers.data ?? []).map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  return (
    <Select
      label={t('customer.label')}
      description={t('customer.hint')}
      placeholder={t('customer.placeholder')}
      searchable
      clearable
      data={options}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setPicked(option ?? null);
        onChange(id);
      }}
      nothingFoundMessage={customers.isFetching ? t('customer.searching') : t('customer.none')}
      filter={({ options: o }) => o}
      error={error}
    />
  );
}
