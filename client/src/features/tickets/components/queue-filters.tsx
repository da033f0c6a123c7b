import {
  Anchor,
  Button,
  Collapse,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  type TextInputProps,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../../lib/api/get-agents';
import { useDepartments } from '../../../lib/api/get-departments';
import { usePriorities } from '../../../lib/api/get-priorities';
import { useStatuses } from '../../../lib/api/get-statuses';
import { useUser } from '../../../lib/auth';
import { type Option, toOptions } from '../../../lib/options';
import { can } from '../../../lib/permissions';
import { useFeatureSlots } from '../../../lib/slots';
import type { TicketFilters } from '../api/list-tickets';

/** `sort:order` pairs of the queue API (`sort` allowlist + `order`), by their catalogue key. */
const sortOptions = [
  ['', 'default'],
  ['updated_at:desc', 'updated'],
  ['created_at:desc', 'newest'],
  ['created_at:asc', 'oldest'],
  ['priority:desc', 'priority'],
  ['number:desc', 'number'],
  ['sla_due:asc', 'slaDue'],
] as const;

/** Filters that narrow the queue beyond its default (all open tickets), for the "Filters (2)" button. */
export function activeFilterCount(filters: TicketFilters): number {
  const status = filters.status && filters.status !== 'open' ? 1 : 0;
  const tags = filters.tagsAny || filters.tagsAll || filters.tagsNone ? 1 : 0;
  return (
    status +
    tags +
    [filters.departmentId, filters.priorityId, filters.assignee, filters.rating, filters.sla, filters.field].filter(
      Boolean,
    ).length
  );
}

/**
 * Search and the filter and sort pickers of the queue. On a phone the pickers fold away behind a
 * "Filters (n)" button with the number of active filters; the search box stays, with a one-click
 * switch between open tickets only (the default) and every status.
 */
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
  const { t } = useTranslation('tickets');
  const { t: ts } = useTranslation('sla');
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const [expanded, setExpanded] = useState(false);
  const user = useUser();
  const { queueFieldTools } = useFeatureSlots();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const departments = useDepartments();
  const agents = useAgents(can(user, 'users.view'));
  const active = activeFilterCount(filters);
  const { queueFilters } = useFeatureSlots();
  /** A filter that may be cleared (to `placeholder`: no filter). */
  const filterSelect = (
    label: string,
    width: number,
    key: 'departmentId' | 'priorityId' | 'assignee' | 'rating' | 'sla',
    placeholder: string,
    data: Option[],
  ) => (
    <Select
      label={label}
      w={narrow ? '100%' : width}
      clearable
      placeholder={placeholder}
      data={data}
      value={filters[key] ?? null}
      onChange={(v) => onChange({ ...filters, [key]: v ?? undefined })}
    />
  );
  const pickers = (
    <>
      <Select
        label={t('filters.status')}
        w={narrow ? '100%' : 160}
        data={[
          { value: 'open', label: t('filters.allOpen') },
          { value: 'closed', label: t('filters.allClosed') },
          { value: 'any', label: t('filters.anyStatus') },
          ...toOptions(statuses.data),
        ]}
        value={filters.status ?? 'open'}
        onChange={(v) => onChange({ ...filters, status: v ?? undefined })}
        allowDeselect={false}
      />
      {filterSelect(t('filters.department'), 160, 'departmentId', t('filters.all'), toOptions(departments.data))}
      {filterSelect(t('filters.priority'), 130, 'priorityId', t('filters.all'), toOptions(priorities.data))}
      {filterSelect(t('filters.assignee'), 150, 'assignee', t('filters.anyone'), [
        { value: 'me', label: t('filters.me') },
        { value: 'none', label: t('filters.unassigned') },
        ...toOptions(agents.data?.filter((a) => a.id !== user?.id)),
      ])}
      {filterSelect(t('filters.rating'), 130, 'rating', t('filters.all'), [
        { value: 'good', label: t('filters.ratings.good') },
        { value: 'bad', label: t('filters.ratings.bad') },
        { value: 'none', label: t('filters.ratings.none') },
      ])}
      {filterSelect(
        t('filters.sla'),
        140,
        'sla',
        t('filters.all'),
        (['ok', 'warning', 'breached', 'paused', 'met'] as const).map((s) => ({ value: s, label: ts(`states.${s}`) })),
      )}
      {queueFilters?.(filters, (changes) => onChange({ ...filters, ...changes }), narrow ? '100%' : 300)}
      <Select
        label={t('filters.sort')}
        w={narrow ? '100%' : 250}
        data={sortOptions.map(([value, key]) => ({ value, label: t(`filters.sorts.${key}`) }))}
        value={filters.sort ? `${filters.sort}:${filters.order ?? 'desc'}` : ''}
        onChange={(v) => {
          const [sort, order] = (v ?? '').split(':');
          onChange({ ...filters, sort: sort || undefined, order: order || undefined });
        }}
        allowDeselect={false}
        comboboxProps={{ width: 'max-content' }}
        data-testid="queue-sort"
      />
      {queueFieldTools?.(filters.field, (field) => onChange({ ...filters, field }))}
    </>
  );
  const status = filters.status ?? 'open';
  return (
    <Paper withBorder p="xs">
      <Stack gap={6}>
        <Group gap="xs" align="flex-end" wrap={narrow ? 'nowrap' : 'wrap'}>
          <TextInput
            ref={searchRef}
            label={t('filters.search')}
            placeholder={t('filters.searchPlaceholder')}
            {...searchProps}
            onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
            style={{ flex: '1 1 200px' }}
          />
          {narrow ? (
            <Button
              variant={active > 0 ? 'light' : 'default'}
              onClick={() => setExpanded((e) => !e)}
              aria-expanded={expanded}
              aria-controls="queue-filter-pickers"
              data-testid="filters-toggle"
            >
              {t('filters.toggle', { count: active })}
            </Button>
          ) : (
            pickers
          )}
        </Group>
        <Text size="xs" c="dimmed" data-testid="search-scope">
          {status === 'open' ? `${t('filters.openOnly')} ` : status === 'any' ? `${t('filters.allStatusesOn')} ` : null}
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={() => onChange({ ...filters, status: status === 'any' ? 'open' : 'any' })}
          >
            {status === 'any' ? t('filters.onlyOpen') : t('filters.searchAllStatuses')}
          </Anchor>
        </Text>
        {narrow && (
          <Collapse expanded={expanded} id="queue-filter-pickers">
            <Stack gap="xs">{pickers}</Stack>
          </Collapse>
        )}
      </Stack>
    </Paper>
  );
}
