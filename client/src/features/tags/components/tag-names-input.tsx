import { normaliseTagName, TAG_NAME_MAX } from '@helpdesk/contract';
import { TagsInput } from '@mantine/core';
import { useState } from 'react';
import type { TagNamesInputProps } from '../../../lib/slots';
import { useTagSuggestions } from './tag-input';

/**
 * A list of tag names with autocomplete (another feature's form, through the `tagNamesInput` slot):
 * names are normalised and kept once ignoring case; new names are allowed, the server decides.
 */
export function TagNamesInput({ label, value, onChange, error, max }: TagNamesInputProps) {
  const [search, setSearch] = useState('');
  const suggestions = useTagSuggestions(search, { exclude: value, typedOnly: true });
  const change = (names: string[]) =>
    onChange([
      ...new Map(
        names
          .map(normaliseTagName)
          .filter(Boolean)
          .map((n) => [n.toLowerCase(), n]),
      ).values(),
    ]);
  return (
    <TagsInput
      label={label}
      value={value}
      onChange={change}
      searchValue={search}
      onSearchChange={setSearch}
      data={suggestions}
      error={error}
      maxTags={max}
      maxLength={TAG_NAME_MAX}
      splitChars={[',']}
      clearable
      data-testid="tag-names-input"
    />
  );
}
