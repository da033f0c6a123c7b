import { Button, CloseButton, FileButton, Group, Progress, Stack, Text } from '@mantine/core';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Pick files to attach; shows them, lets them be removed, and an upload progress bar. */
export function FilePicker({
  files,
  onChange,
  progress,
  disabled,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  progress: number | null;
  disabled?: boolean;
}) {
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <FileButton multiple onChange={(picked) => onChange([...files, ...picked])} disabled={disabled}>
          {(props) => (
            <Button variant="default" size="xs" {...props} data-testid="attach-files">
              Attach files
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          Images, PDF, text and office files
        </Text>
      </Group>
      {files.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two picked files may share a name
        <Group key={`${f.name}-${i}`} gap="xs" wrap="nowrap">
          <Text size="sm" truncate style={{ flex: 1 }}>
            {f.name}
          </Text>
          <Text size="xs" c="dimmed">
            {formatSize(f.size)}
          </Text>
          <CloseButton
            size="sm"
            aria-label={`Remove ${f.name}`}
            disabled={disabled}
            onClick={() => onChange(files.filter((_, j) => j !== i))}
          />
        </Group>
      ))}
      {progress !== null && (
        <Progress value={Math.round(progress * 100)} aria-label="Upload progress" size="sm" animated={progress < 1} />
      )}
    </Stack>
  );
}
