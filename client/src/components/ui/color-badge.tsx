import { Badge } from '@mantine/core';

/** A status/priority badge in its configured colour (any CSS colour), with readable text. */
export function ColorBadge({ color, children }: { color: string | undefined; children: string }) {
  return (
    <Badge
      variant="outline"
      radius="sm"
      styles={{ root: { borderColor: color, textTransform: 'none' } }}
      leftSection={
        <span
          aria-hidden
          style={{ width: 8, height: 8, borderRadius: 8, background: color, display: 'inline-block' }}
        />
      }
      c="var(--mantine-color-text)"
    >
      {children}
    </Badge>
  );
}
