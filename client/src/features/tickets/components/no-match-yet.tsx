import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../../components/ui/states';

/**
 * A search for a common word looks through the tickets newest first, a share per page
 * (docs/tickets.md): none matched yet, older ones may. The button asks for the next share.
 */
export function NoMatchYet({ onSearchOlder, loading }: { onSearchOlder: () => void; loading: boolean }) {
  const { t } = useTranslation('tickets');
  return (
    <Stack align="center" gap={0}>
      <Empty title={t('list.noMatchYetTitle')}>{t('list.noMatchYetText')}</Empty>
      <Button variant="light" onClick={onSearchOlder} loading={loading}>
        {t('list.searchOlder')}
      </Button>
    </Stack>
  );
}
