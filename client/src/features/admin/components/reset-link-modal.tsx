import { Code, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyTextButton } from '../../../components/ui/copy-text-button';

/** A one-time password reset link, shown once for the admin to pass on. */
export function ResetLinkModal({ link, onClose }: { link: string | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <Modal opened={link !== null} onClose={onClose} title={t('users.resetTitle')}>
      <Stack>
        <Text size="sm">{t('users.resetBody')}</Text>
        <Code block data-testid="reset-link">
          {link}
        </Code>
        <CopyTextButton value={link ?? ''} label={t('users.copyLink')} />
      </Stack>
    </Modal>
  );
}
