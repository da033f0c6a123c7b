import { Alert, Button, Code, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyTextButton } from '../../../components/ui/copy-text-button';

/** The recovery codes, shown once, with copy and download. */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `${codes.join('\n')}\n`;
  const { t } = useTranslation('auth');
  return (
    <Stack gap="sm">
      <Alert color="blue" title={t('twoFactor.saveCodes')}>
        {t('twoFactor.saveCodesBody')}
      </Alert>
      <Code block data-testid="recovery-codes" aria-label={t('twoFactor.codesLabel')}>
        {codes.join('\n')}
      </Code>
      <Group gap="xs">
        <CopyTextButton value={text} label={t('twoFactor.copyCodes')} variant="default" size="xs" />
        <Button
          variant="default"
          size="xs"
          component="a"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="helpdesk-recovery-codes.txt"
        >
          {t('twoFactor.download')}
        </Button>
        <Button size="xs" onClick={onDone}>
          {t('twoFactor.saved')}
        </Button>
      </Group>
    </Stack>
  );
}
