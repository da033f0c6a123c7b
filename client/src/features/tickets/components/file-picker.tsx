import { Button, CloseButton, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicSettings } from '../../../lib/api/get-public-settings';
import { currentLanguage } from '../../../lib/i18n';
import { checkFiles, type FileProblem, formatSize } from '../upload-limits';

/**
 * Pick files to attach: each checked against the server's limits (public settings) before
 * anything is sent, the ones left out said with the limit; shows them, lets them be removed, and
 * an upload progress bar.
 */
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
  const { t } = useTranslation('tickets');
  const limits = usePublicSettings().data?.uploads;
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const lng = currentLanguage();
  const describe = (p: FileProblem): string => {
    switch (p.kind) {
      case 'tooLarge':
        return t('files.tooLarge', { name: p.name, size: formatSize(p.size, lng), limit: formatSize(p.limit, lng) });
      case 'ticketTotal':
        return t('files.ticketTotal', { name: p.name, limit: formatSize(p.limit, lng) });
      case 'tooMany':
        return t('files.tooMany', { name: p.name, count: p.count });
      default:
        return t(`files.${p.kind}`, { name: p.name });
    }
  };
  const add = (picked: File[]) => {
    if (!limits) return onChange([...files, ...picked]);
    const checked = checkFiles(files, picked, limits);
    setProblems(checked.problems);
    onChange(checked.files);
  };
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <FileButton multiple onChange={add} disabled={disabled}>
          {(props) => (
            <Button variant="default" size="xs" {...props} data-testid="attach-files">
              {t('files.attach')}
            </Button>
          )}
        </FileButton>
        {limits && (
          <Text size="xs" c="dimmed">
            {t('files.hint', { size: formatSize(limits.maxFileBytes, lng) })}
          </Text>
        )}
      </Group>
      {problems.length > 0 && (
        <Stack gap={2} role="alert" data-testid="file-problems">
          {problems.map((p) => (
            <Text key={`${p.kind}-${p.name}`} size="sm" c="red">
              {describe(p)}
            </Text>
          ))}
        </Stack>
      )}
      {files.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two picked files may share a name
        <Group key={`${f.name}-${i}`} gap="xs" wrap="nowrap">
          <Text size="sm" truncate style={{ flex: 1 }}>
            {f.name}
          </Text>
          <Text size="xs" c="dimmed">
            {formatSize(f.size, lng)}
          </Text>
          <CloseButton
            size="sm"
            aria-label={t('files.remove', { name: f.name })}
            disabled={disabled}
            onClick={() => onChange(files.filter((_, j) => j !== i))}
          />
        </Group>
      ))}
      {progress !== null && (
        <Progress
          value={Math.round(progress * 100)}
          aria-label={t('files.progress')}
          size="sm"
          animated={progress < 1}
          data-testid="upload-progress"
        />
      )}
    </Stack>
  );
}
