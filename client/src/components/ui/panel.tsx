import { Group, type MantineSpacing, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered part of a page: its heading (with an action or a state beside it) above its content. */
export function Panel({
  title,
  aside,
  padding = 'md',
  children,
}: {
  title: string;
  aside?: ReactNode;
  padding?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p={padding}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {title}
          </Title>
          {aside}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
