import { Button, type ButtonProps, CopyButton } from '@mantine/core';

/** Copies `value` to the clipboard; says "Copied" for a moment. */
export function CopyTextButton({ value, label, ...buttonProps }: { value: string; label: string } & ButtonProps) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button {...buttonProps} onClick={copy}>
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}
