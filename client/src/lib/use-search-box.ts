import { useDebouncedValue } from '@mantine/hooks';
import { type ChangeEvent, useState } from 'react';

/** A search box's props, and what it asks for once typing pauses (trimmed). */
export function useSearchBox(initial = '') {
  const [text, setText] = useState(initial);
  const [query] = useDebouncedValue(text.trim(), 300);
  return {
    query,
    setText,
    inputProps: {
      type: 'search',
      value: text,
      onChange: (e: ChangeEvent<HTMLInputElement>) => setText(e.currentTarget.value),
    },
  };
}
