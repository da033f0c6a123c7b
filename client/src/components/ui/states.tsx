import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../lib/api-client';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label ?? t('states.loading')}</Text>
      </Group>
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('states.couldNotLoad')} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('states.tryAgain')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * A page that failed to load or render: most often a tab opened before an update asking for the
 * previous build's code. A reload gets the new build.
 */
export function PageFailed() {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('states.pageFailed')} role="alert" m="md">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('states.pageFailedBody')}</Text>
        <Button size="xs" variant="light" color="red" onClick={() => window.location.reload()}>
          {t('states.reload')}
        </Button>
      </Stack>
    </Alert>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack gap={4} align="center">
        <Text fw={600}>{title}</Text>
        {children && (
          <Text c="dimmed" size="sm" ta="center">
            {children}
          </Text>
        )}
      </Stack>
    </Center>
  );
}

/**
 * A page reached by a broken link (a reset link cut short, a ticket address that is neither an id
 * nor a number): says so in words rather than showing the API's "not valid".
 */
export function MalformedLink() {
  const { t } = useTranslation('errors');
  return (
    <Alert color="red" title={t('malformedLink.title')} role="alert" data-testid="malformed-link">
      {t('malformedLink.body')}
    </Alert>
  );
}

/**
 * An error about the whole form. Given the form's `values`, an error whose details all name its
 * fields is left to them (they show it).
 */
export function FormError({ error, values }: { error: unknown; values?: object }) {
  const named = Object.keys(fieldErrors(error));
  if (!error || (values && named.length > 0 && named.every((field) => field in values))) return null;
  return (
    <Alert color="red" role="alert" title={null} variant="light">
      {errorMessage(error)}
    </Alert>
  );
}

/** What a query shows: loading, its error with a retry, `empty` for an empty list, or the data. */
export function QueryView<T>({
  query,
  empty,
  children,
}: {
  query: { isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data === undefined) return <Loading />;
  if (empty && Array.isArray(query.data) && query.data.length === 0) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
