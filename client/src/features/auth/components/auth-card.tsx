import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePublicSettings } from '../../../lib/api/get-public-settings';

/** The centred card of the signed-out pages. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  const settings = usePublicSettings();
  return (
    <Center mih="100vh" p="sm" component="main">
      <Box w="100%" maw={420}>
        <Stack gap="md">
          <Group justify="center">
            <Text fw={700} size="xl">
              {settings.data?.helpdeskName ?? 'HelpDesk Pro'}
            </Text>
          </Group>
          <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  {title}
                </Title>
                {subtitle && (
                  <Text c="dimmed" size="sm" mt={4}>
                    {subtitle}
                  </Text>
                )}
              </div>
              {children}
            </Stack>
          </Paper>
        </Stack>
      </Box>
    </Center>
  );
}
