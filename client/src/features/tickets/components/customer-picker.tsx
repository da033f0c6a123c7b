import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
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
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const customers = useCustomerSearch(q);
  const [picked, setPicked] = useState<Option | null>(null);
  const options = (customers.data ?? []).map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  return (
    <Select
      label="Customer"
      description="Filing for a customer? Leave empty to file for yourself."
      placeholder="Search by name or email"
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
      nothingFoundMessage={customers.isFetching ? 'Searching…' : 'No customer found'}
      filter={({ options: o }) => o}
      error={error}
    />
  );
}
