import { Group, Paper, Select, TextInput, type TextInputProps } from '@mantine/core';
import type { RefObject } from 'react';
import { useAgents } from '../../../lib/api/get-agents';
import { useDepartments } from '../../../lib/api/get-departments';
import { usePriorities } from '../../../lib/api/get-priorities';
import { useStatuses } from '../../../lib/api/get-statuses';
import { useUser } from '../../../lib/auth';
import { type Option, toOptions } from '../../../lib/options';
import { can } from '../../../lib/permissions';
import type { TicketFilters } from '../api/list-tickets';

/** `sort:order` pairs of the queue API (`sort` allowlist + `order`). */
const sortOptions = [
  { value: '', label: 'Default (newest, or best match)' },
  { value: 'updated_at:desc', label: 'Recently updated' },
  { value: 'created_at:desc', label: 'Newest first' },
  { value: 'created_at:asc', label: 'Oldest first' },
  { value: 'priority:desc', label: 'Highest priority' },
  { value: 'number:desc', label: 'Number (high to low)' },
];

/** Search and the filter and sort pickers of the queue. */
export function QueueFilters({
  filters,
  onChange,
  searchProps,
  searchRef,
}: {
  filters: TicketFilters;
  onChange: (filters: TicketFilters) => void;
  searchProps: TextInputProps;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const user = useUser();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const departments = useDepartments();
  const agents = useAgents(can(user, 'users.view'));
  /** A filter that may be cleared (to `placeholder`: no filter). */
  const filterSelect = (
    label: string,
    width: number,
    key: 'departmentId' | 'priorityId' | 'assignee',
    placeholder: string,
    data: Option[],
  ) => (
    <Select
      label={label}
      w={width}
      clearable
      placeholder={placeholder}
      data={data}
      value={filters[key] ?? null}
      onChange={(v) => onChange({ ...filters, [key]: v ?? undefined })}
    />
  );
  return (
    <Paper withBorder p="xs">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          ref={searchRef}
          label="Search"
          placeholder="Words, #number…  ( / )"
          {...searchProps}
          onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
          style={{ flex: '1 1 200px' }}
        />
        <Select
          label="Status"
          w={160}
          data={[
            { value: 'open', label: 'All open' },
            { value: 'closed', label: 'All closed' },
            { value: 'any', label: 'Any status' },
            ...toOptions(statuses.data),
          ]}
          value={filters.status ?? 'any'}
          onChange={(v) => onChange({ ...filters, status: v === 'any' ? undefined : (v ?? undefined) })}
          allowDeselect={false}
        />
        {filterSelect('Department', 160, 'departmentId', 'All', toOptions(departments.data))}
        {filterSelect('Priority', 130, 'priorityId', 'All', toOptions(priorities.data))}
        {filterSelect('Assignee', 150, 'assignee', 'Anyone', [
          { value: 'me', label: 'Me' },
          { value: 'none', label: 'Unassigned' },
          ...toOptions(agents.data?.filter((a) => a.id !== user?.id)),
        ])}
        <Select
          label="Sort"
          w={230}
          data={sortOptions}
          value={filters.sort ? `${filters.sort}:${filters.order ?? 'desc'}` : ''}
          onChange={(v) => {
            const [sort, order] = (v ?? '').split(':');
            onChange({ ...filters, sort: sort || undefined, order: order || undefined });
          }}
          allowDeselect={false}
        />
      </Group>
    </Paper>
  );
}
