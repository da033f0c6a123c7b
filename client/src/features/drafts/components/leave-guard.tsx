import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Blocker } from 'react-router';

/** Asks before another page of the app replaces one with unsent text (issue 17); the draft is kept either way. */
export function LeaveGuard({ blocker }: { blocker: Blocker }) {
  const { t } = useTranslation('drafts');
  const asking = blocker.state === 'blocked';
  return (
    // Above any dialog that started the move (a help article's "This solved my problem").
    <Modal opened={asking} onClose={() => blocker.reset?.()} title={t('leave.title')} centered zIndex={400}>
      <Text size="sm">{t('leave.text')}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => blocker.reset?.()} data-testid="leave-stay">
          {t('leave.stay')}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()} data-testid="leave-go">
          {t('leave.go')}
        </Button>
      </Group>
    </Modal>
  );
}
