import { normaliseTagName } from '@helpdesk/contract';
import { Autocomplete, type AutocompleteProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTagSearch } from '../api/search-tags';

/**
 * Names of existing tags for what is typed (autocomplete), without those in `exclude`.
 * `typedOnly`: none (and no request) while nothing is typed — for boxes that add names one after
 * another and keep the focus, where a list of every tag would open over the page after each one.
 */
export function useTagSuggestions(
  typed: string,
  { exclude = [], typedOnly = false }: { exclude?: string[]; typedOnly?: boolean } = {},
): string[] {
  const [q] = useDebouncedValue(normaliseTagName(typed), 200);
  const found = useTagSearch(q, !typedOnly || q !== '');
  if (typedOnly && !typed.trim()) return [];
  const taken = new Set(exclude.map((n) => n.toLowerCase()));
  return [...new Set((found.data ?? []).map((tag) => tag.name).filter((n) => !taken.has(n.toLowerCase())))];
}

/**
 * A tag name with autocomplete for what is typed; Enter or picking a suggestion submits it and
 * empties the box, which keeps the focus for the next name (a name no tag has yet creates one, for
 * users with tags.create).
 */
export function TagInput({
  onSubmit,
  exclude,
  ...props
}: { onSubmit: (name: string) => void; exclude?: string[] } & Omit<
  AutocompleteProps,
  'onSubmit' | 'data' | 'value' | 'onChange'
>) {
  const [value, setValue] = useState('');
  const suggestions = useTagSuggestions(value, { exclude, typedOnly: true });
  const submit = (raw: string) => {
    const name = normaliseTagName(raw);
    if (!name) return;
    onSubmit(name);
    setValue('');
  };
  return (
    <Autocomplete
      size="xs"
      maxLength={50}
      {...props}
      value={value}
      onChange={setValue}
      data={suggestions}
      onOptionSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          submit(e.currentTarget.value);
        }
      }}
    />
  );
}
