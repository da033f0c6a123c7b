import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../lib/query-client';
import { LanguageSync } from './language-sync';
import { AppRouter } from './router';

/** Mantine's theme; its icon buttons' names in the language shown. */
const makeTheme = (t: TFunction) =>
  createTheme({
    primaryColor: 'blue',
    // Shade 8 keeps white text on primary buttons above 4.5:1 (WCAG AA) in both schemes.
    primaryShade: { light: 8, dark: 8 },
    defaultRadius: 'md',
    components: {
      // Mantine's close button is an icon only: give it a name for screen readers.
      // Plain objects rather than Modal.extend(): importing Modal here would put it in the first load.
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': t('actions.close') } } },
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': t('actions.dismiss') } } },
      PasswordInput: { defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('actions.togglePassword') } } },
    },
  });

export function App() {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new theme when the language changes
  const theme = useMemo(() => makeTheme(t), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <LanguageSync />
        <AppRouter />
      </QueryClientProvider>
    </MantineProvider>
  );
}
