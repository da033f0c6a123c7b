import { Alert, Button, Code, Group, Stack } from '@mantine/core';
import { CopyTextButton } from '../../../components/ui/copy-text-button';

/** The recovery codes, shown once, with copy and download. */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `${codes.join('\n')}\n`;
  return (
    <Stack gap="sm">
      <Alert color="blue" title="Save your recovery codes now">
        Each code signs you in once if you lose your phone. They are not shown again.
      </Alert>
      <Code block data-testid="recovery-codes" aria-label="Recovery codes">
        {codes.join('\n')}
      </Code>
      <Group gap="xs">
        <CopyTextButton value={text} label="Copy codes" variant="default" size="xs" />
        <Button
          variant="default"
          size="xs"
          component="a"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="helpdesk-recovery-codes.txt"
        >
          Download
        </Button>
        <Button size="xs" onClick={onDone}>
          I have saved them
        </Button>
      </Group>
    </Stack>
  );
}
