import { Button, Group, Paper, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { type FormEvent, type RefObject, useState } from 'react';
import { FormError } from '../../../components/ui/states';
import { fieldErrors } from '../../../lib/api-client';
import { usePostMessage } from '../api';
import { FilePicker } from './file-picker';

export type ComposerMode = 'reply' | 'note';

/** Reply (and, for agents, internal note) box. `r`/`n` on the page focus it in that mode. */
export function Composer({
  ticketId,
  canNote,
  mode,
  onModeChange,
  textareaRef,
}: {
  ticketId: string;
  canNote: boolean;
  mode: ComposerMode;
  onModeChange: (m: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const post = usePostMessage(ticketId);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const errors = fieldErrors(post.error);
  const isNote = canNote && mode === 'note';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return;
    if (files.length) setProgress(0);
    post.mutate(
      { body, isInternal: isNote, files, onProgress: setProgress },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          setProgress(null);
        },
        onError: () => setProgress(null),
      },
    );
  }
  return (
    <Paper withBorder p="sm" className={isNote ? 'internal-note' : undefined}>
      <form onSubmit={submit}>
        <Stack gap="xs">
          {canNote && (
            <SegmentedControl
              size="xs"
              w="fit-content"
              value={mode}
              onChange={(v) => onModeChange(v as ComposerMode)}
              data={[
                { value: 'reply', label: 'Reply to customer' },
                { value: 'note', label: 'Internal note' },
              ]}
              aria-label="Message type"
            />
          )}
          <Textarea
            ref={textareaRef}
            label={isNote ? 'Internal note (only agents see this)' : 'Reply'}
            placeholder={isNote ? 'Write a note for your team…' : 'Write your reply…'}
            autosize
            minRows={3}
            maxRows={14}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors.body}
            data-testid="composer"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
              if (e.key === 'Escape') e.currentTarget.blur();
            }}
          />
          <FilePicker files={files} onChange={setFiles} progress={progress} disabled={post.isPending} />
          {!errors.body && <FormError error={post.error} />}
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={post.isPending}
              color={isNote ? 'yellow' : undefined}
              c={isNote ? 'dark' : undefined}
              disabled={!body.trim()}
            >
              {isNote ? 'Add internal note' : 'Send reply'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
