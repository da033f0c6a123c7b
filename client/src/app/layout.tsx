import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { notifyError } from '../components/ui/notify';
import { Loading } from '../components/ui/states';
import { paths } from '../config/paths';
import { NotificationBell } from '../features/notifications/components/notification-bell';
import { usePublicSettings } from '../lib/api/get-public-settings';
import { useSetMyLocale } from '../lib/api/set-my-locale';
import { useSignOut, useUser } from '../lib/auth';
import { currentLanguage, setLanguage } from '../lib/i18n';
import { can, isStaff } from '../lib/permissions';
import { type Language, supportedLanguages } from '../locales/resources';

export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const { t } = useTranslation();
  const next = computed === 'dark' ? 'light' : 'dark';
  const label = next === 'dark' ? t('colorScheme.toDark') : t('colorScheme.toLight');
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        size="lg"
        aria-label={label}
        data-testid="color-scheme-toggle"
        onClick={() => setColorScheme(next)}
      >
        {computed === 'dark' ? (
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
            <circle cx="12" cy="12" r="5" />
            <path d="M12 1v2M12 21v2M4.2 4.2l1.4 1.4M18.4 18.4l1.4 1.4M1 12h2M21 12h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4" />
          </svg>
        ) : (
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
            <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
          </svg>
        )}
      </ActionIcon>
    </Tooltip>
  );
}

interface NavItem {
  label: string;
  to: string;
  show: boolean;
}

/** The page under a frame's header: `#content` (the skip link's target), loading while a page's code arrives. */
export function MainOutlet() {
  return (
    <AppShell.Main>
      <div id="content">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </div>
    </AppShell.Main>
  );
}

/** The signed-in frame: header with bell, theme and user menu; navigation by role. */
export function Layout() {
  const user = useUser();
  const settings = usePublicSettings();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const signOut = useSignOut();
  const staff = isStaff(user);
  const { t } = useTranslation();
  const setMyLocale = useSetMyLocale();
  // Kept on the account, so every device of the user shows it.
  const chooseLanguage = (language: Language) => {
    void setLanguage(language, false);
    setMyLocale.mutate(language, { onError: notifyError });
  };
  const { t: th } = useTranslation('help');
  const { t: tc } = useTranslation('customers');
  const { t: tt } = useTranslation('tags');
  const { t: tcr } = useTranslation('canned');
  const { t: tf } = useTranslation('fields');
  const { t: tsla } = useTranslation('sla');

  const items: NavItem[] = [
    { label: t('nav.dashboard'), to: paths.dashboard, show: staff && can(user, 'reports.view') },
    { label: t('nav.queue'), to: paths.queue, show: staff },
    { label: tc('nav.customers'), to: paths.customers, show: staff && can(user, 'users.view') },
    { label: t('nav.myTickets'), to: paths.myTickets, show: !staff },
    { label: t('nav.newTicket'), to: paths.newTicket, show: can(user, 'tickets.create') },
    { label: th('nav.helpCentre'), to: paths.help.home, show: true },
    { label: tcr('nav.mine'), to: paths.myCannedResponses, show: staff && can(user, 'tickets.reply') },
  ];
  const adminItems: NavItem[] = [
    { label: t('nav.users'), to: paths.admin.users, show: can(user, 'users.manage') },
    { label: t('nav.roles'), to: paths.admin.roles, show: can(user, 'roles.manage') },
    { label: t('nav.departments'), to: paths.admin.departments, show: can(user, 'departments.manage') },
    { label: t('nav.statuses'), to: paths.admin.statuses, show: can(user, 'statuses.manage') },
    { label: t('nav.settings'), to: paths.admin.settings, show: can(user, 'settings.manage') },
    { label: t('nav.audit'), to: paths.admin.audit, show: can(user, 'audit.view') },
    { label: t('nav.mailDelivery'), to: paths.admin.mailDelivery, show: can(user, 'settings.manage') },
    { label: t('nav.webhooks'), to: paths.admin.webhooks, show: can(user, 'settings.manage') },
    { label: th('nav.categories'), to: paths.admin.helpCategories, show: can(user, 'kb.publish') },
    { label: tc('nav.organisations'), to: paths.admin.organisations, show: can(user, 'organisations.manage') },
    { label: tt('nav.tags'), to: paths.admin.tags, show: can(user, 'tags.manage') },
    { label: tcr('nav.shared'), to: paths.admin.cannedResponses, show: can(user, 'canned.manage') },
    { label: tf('nav'), to: paths.admin.customFields, show: can(user, 'fields.manage') },
    { label: tsla('nav.serviceLevels'), to: paths.admin.serviceLevels, show: can(user, 'settings.manage') },
  ].filter((i) => i.show);

  const isActive = (to: string) =>
    to === paths.myTickets
      ? location.pathname === to ||
        (location.pathname.startsWith(`${paths.myTickets}/`) && location.pathname !== paths.newTicket)
      : location.pathname === to || location.pathname.startsWith(`${to}/`);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'xs', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text component={Link} to={paths.home} fw={700} size="lg" truncate c="var(--mantine-color-text)" td="none">
              {settings.data?.helpdeskName ?? t('appName')}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <NotificationBell />
            <ColorSchemeToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton title={t('account.menu')} data-testid="user-menu" px={6} py={4}>
                  <Text size="sm" fw={500} truncate maw={140}>
                    {user?.name}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user?.email}</Menu.Label>
                <Menu.Item component={Link} to={paths.profile}>
                  {t('account.profile')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Label>{t('account.language')}</Menu.Label>
                {supportedLanguages.map((language) => (
                  <Menu.Item
                    key={language}
                    lang={language}
                    fw={language === currentLanguage() ? 700 : undefined}
                    onClick={() => chooseLanguage(language)}
                    data-testid={`language-${language}`}
                  >
                    {t(`languages.${language}`)}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item onClick={signOut} data-testid="sign-out">
                  {t('account.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <ScrollArea>
          {items
            .filter((i) => i.show)
            .map((i) => (
              <NavLink key={i.to} component={Link} to={i.to} label={i.label} active={isActive(i.to)} onClick={close} />
            ))}
          {adminItems.length > 0 && (
            <>
              <Text size="xs" c="dimmed" fw={700} tt="uppercase" mt="md" mb={4} px="sm">
                {t('nav.admin')}
              </Text>
              {adminItems.map((i) => (
                <NavLink
                  key={i.to}
                  component={Link}
                  to={i.to}
                  label={i.label}
                  active={isActive(i.to)}
                  onClick={close}
                />
              ))}
            </>
          )}
        </ScrollArea>
      </AppShell.Navbar>
      <MainOutlet />
    </AppShell>
  );
}
