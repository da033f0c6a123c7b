import { Group, MultiSelect, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTagSuggestions } from './tag-input';

const modes = ['tagsAny', 'tagsAll', 'tagsNone'] as const;
type Mode = (typeof modes)[number];
export type TagFilterParams = Partial<Record<Mode, string>>;

/** The queue's tag filter: tickets with any of, all of or none of the chosen tags (the queue's parameters). */
export function QueueTagFilter({
  filters,
  onChange,
  width,
}: {
  filters: TagFilterParams;
  onChange: (changes: TagFilterParams) => void;
  width: number | string;
}) {
  const { t } = useTranslation('tags');
  const mode: Mode = modes.find((m) => filters[m]) ?? 'tagsAny';
  const names = (filters[mode] ?? '').split(',').filter(Boolean);
  const [search, setSearch] = useState('');
  const suggestions = useTagSuggestions(search);
  const set = (nextMode: Mode, nextNames: string[]) =>
    onChange({
      tagsAny: undefined,
      tagsAll: undefined,
      tagsNone: undefined,
      [nextMode]: nextNames.join(',') || undefined,
    });
  return (
    <Group gap={4} align="flex-end" wrap="nowrap" w={width}>
      <Select
        label={t('filter.label')}
        w={110}
        data={modes.map((m) => ({ value: m, label: t(`filter.modes.${m}`) }))}
        value={mode}
        onChange={(v) => set((v as Mode | null) ?? 'tagsAny', names)}
        allowDeselect={false}
        aria-label={t('filter.mode')}
      />
      <MultiSelect
        aria-label={t('filter.tags')}
        placeholder={names.length ? undefined : t('filter.placeholder')}
        style={{ flex: 1, minWidth: 140 }}
        searchable
        clearable
        searchValue={search}
        onSearchChange={setSearch}
        data={[...new Set([...names, ...suggestions])]}
        value={names}
        onChange={(v) => set(mode, v)}
        data-testid="tag-filter"
      />
    </Group>
  );
}
