import { Code, Modal, Stack, Text } from '@mantine/core';
import { CopyTextButton } from '../../../components/ui/copy-text-button';

/** A one-time password reset link, shown once for the admin to pass on. */
export function ResetLinkModal({ link, onClose }: { link: string | null; onClose: () => void }) {
  return (
    <Modal opened={link !== null} onClose={onClose} title="Password reset link">
      <Stack>
        <Text size="sm">Send this one-time link to the user. It is shown only now.</Text>
        <Code block data-testid="reset-link">
          {link}
        </Code>
        <CopyTextButton value={link ?? ''} label="Copy link" />
      </Stack>
    </Modal>
  );
}
