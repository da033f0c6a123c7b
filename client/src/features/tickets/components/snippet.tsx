import { Text } from '@mantine/core';
import { Highlighted } from '../../../components/ui/highlighted';
import { parseSnippet } from '../../../lib/highlight';

/** A search hit's snippet: the server's markers become <mark>, the rest stays text. */
export function Snippet({ snippet }: { snippet: string | null | undefined }) {
  if (!snippet) return null;
  return (
    <Text size="sm" c="dimmed" lineClamp={2} className="user-text" data-testid="snippet">
      <Highlighted segments={parseSnippet(snippet)} />
    </Text>
  );
}
