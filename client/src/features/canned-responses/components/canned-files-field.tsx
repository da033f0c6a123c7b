import { type CannedFile, type CannedResponse, MAX_CANNED_FILES } from '@helpdesk/contract';
import { Anchor, Button, CloseButton, FileButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/ui/notify';
import { cannedFileUrl, useAddCannedFiles, useRemoveCannedFile } from '../api/canned-files';

/** The files sent with a saved response: added and removed at once (a new response is saved first). */
export function CannedFilesField({ response }: { response?: CannedResponse }) {
  const { t } = useTranslation('canned');
  const [files, setFiles] = useState<CannedFile[]>(response?.files ?? []);
  const add = useAddCannedFiles();
  const remove = useRemoveCannedFile();
  if (!response) {
    return (
      <Text size="xs" c="dimmed">
        {t('files.saveFirst')}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('files.label')}
      </Text>
      {files.map((f) => (
        <Group key={f.id} gap="xs" data-testid="canned-file">
          <Anchor size="sm" href={cannedFileUrl(response.id, f.id)} className="user-text">
            {f.fileName}
          </Anchor>
          <CloseButton
            size="sm"
            aria-label={t('files.remove', { name: f.fileName })}
            onClick={() =>
              remove.mutate(
                { responseId: response.id, fileId: f.id },
                { onSuccess: () => setFiles((all) => all.filter((x) => x.id !== f.id)), onError: notifyError },
              )
            }
          />
        </Group>
      ))}
      {files.length < MAX_CANNED_FILES && (
        <FileButton
          multiple
          onChange={(picked) =>
            picked.length &&
            add.mutate(
              { responseId: response.id, files: picked },
              { onSuccess: (added) => setFiles((all) => [...all, ...added]), onError: notifyError },
            )
          }
        >
          {(props) => (
            <Button {...props} size="xs" variant="default" w="fit-content" loading={add.isPending}>
              {t('files.add')}
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}
