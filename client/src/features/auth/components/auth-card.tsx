import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from '../../../components/ui/language-picker';
import { usePublicSettings } from '../../../lib/api/get-public-settings';
import { setLanguage } from '../../../lib/i18n';

/**
 * The centred card of the signed-out pages; `withLanguagePicker` offers the languages (the choice
 * is kept in this browser).
 */
export function AuthCard({
  title,
  subtitle,
  withLanguagePicker = false,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  withLanguagePicker?: boolean;
  children: ReactNode;
}) {
  const settings = usePublicSettings();
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="sm" component="main">
      <Box w="100%" maw={420}>
        <Stack gap="md">
          <Group justify={withLanguagePicker ? 'space-between' : 'center'} wrap="nowrap">
            <Text fw={700} size="xl" truncate>
              {settings.data?.helpdeskName ?? t('appName')}
            </Text>
            {withLanguagePicker && <LanguagePicker onChange={(language) => void setLanguage(language)} />}
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
