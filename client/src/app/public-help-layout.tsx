import { Anchor, AppShell, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { paths } from '../config/paths';
import { usePublicSettings } from '../lib/api/get-public-settings';
import { ColorSchemeToggle, MainOutlet } from './layout';

/** The help centre for visitors who are not signed in (the publicHelpCentre setting). */
export function PublicHelpLayout() {
  const settings = usePublicSettings();
  const location = useLocation();
  const { t } = useTranslation('help');
  return (
    <AppShell header={{ height: 56 }} padding={{ base: 'xs', sm: 'md' }}>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Text
            component={Link}
            to={paths.help.home}
            fw={700}
            size="lg"
            truncate
            c="var(--mantine-color-text)"
            td="none"
          >
            {settings.data?.helpdeskName} · {t('nav.helpCentre')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <Anchor component={Link} to={paths.signIn(location.pathname + location.search)}>
              {t('public.signIn')}
            </Anchor>
          </Group>
        </Group>
      </AppShell.Header>
      <MainOutlet />
    </AppShell>
  );
}
