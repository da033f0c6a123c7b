import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../lib/query-client';
import { AppRouter } from './router';

const queryClient = createQueryClient();

const theme = createTheme({
  primaryColor: 'blue',
  // Darker shade in light mode keeps primary buttons at AA contrast.
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <AppRouter />
      </QueryClientProvider>
    </MantineProvider>
  );
}
