import { Group, type MantineSpacing, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered part of a page: its heading (with an action or a state beside it) above its content. */
export function Panel({
  title,
  aside,
  padding = 'md',
  compact = false,
  children,
}: {
  title: string;
  aside?: ReactNode;
  padding?: MantineSpacing;
  /** In a sidebar (the ticket page's): the smaller heading and padding of the panels beside it. */
  compact?: boolean;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p={compact ? 'sm' : padding}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size={compact ? 'h5' : 'h4'}>
            {title}
          </Title>
          {aside}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
