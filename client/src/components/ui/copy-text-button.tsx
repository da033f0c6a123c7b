import { Button, type ButtonProps, CopyButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Copies `value` to the clipboard; says "Copied" for a moment. */
export function CopyTextButton({ value, label, ...buttonProps }: { value: string; label: string } & ButtonProps) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button {...buttonProps} onClick={copy}>
          {copied ? t('actions.copied') : label}
        </Button>
      )}
    </CopyButton>
  );
}
