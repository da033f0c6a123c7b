import { createMessageBodySchema } from '@helpdesk/contract';
import { ActionIcon, Button, Group, Menu, Paper, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/states';
import { useStatuses } from '../../../lib/api/get-statuses';
import { useUser } from '../../../lib/auth';
import { showFieldErrors, useBodyForm } from '../../../lib/form';
import { isStaff } from '../../../lib/permissions';
import { type ComposerHandle, type ComposerHooks, useFeatureSlots } from '../../../lib/slots';
import { useMentionable } from '../api/get-mentionable';
import { ticketKeys } from '../api/keys';
import { usePostMessage } from '../api/post-message';
import { withSentence } from '../field-sentences';
import { insertMention, mentionAtCaret } from '../mentions';
import { FilePicker } from './file-picker';
import { MentionSuggest } from './mention-suggest';

export type ComposerMode = 'reply' | 'note';

/** Reply (and, for agents, internal note) box. `r`/`n` on the page focus it in that mode. */
export function Composer({
  ticketId,
  canNote,
  mode,
  onModeChange,
  textareaRef,
  messages,
  statusChange,
}: {
  ticketId: string;
  /** The conversation on screen (the "someone replied" check asks about messages not in it). */
  messages: { id: string }[];
  canNote: boolean;
  /** "Send and mark <status>" for those who may change the status: the ticket's status and version now. */
  statusChange?: { statusId: string; version: number };
  mode: ComposerMode;
  onModeChange: (m: ComposerMode) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation('tickets');
  const post = usePostMessage();
  const isNote = canNote && mode === 'note';
  const form = useBodyForm(createMessageBodySchema, { body: '' }, ({ body }) => ({ body, isInternal: isNote }));
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { composerTools, composerAddons } = useFeatureSlots();
  const hooks = useRef<ComposerHooks>({});
  const user = useUser();
  const qc = useQueryClient();
  const insert = (text: string) =>
    form.setFieldValue('body', form.values.body ? `${form.values.body}\n\n${text}` : text);
  // Tools' work for after the send (a canned response's status change), then the ticket reloads.
  const afterSend = useRef(new Set<() => Promise<void>>());
  const handle: ComposerHandle = {
    ticketId,
    textarea: textareaRef,
    setBody: (text) => form.setFieldValue('body', text),
    addFiles: (more) => setFiles((current) => [...current, ...more]),
    onSent: (task) => {
      afterSend.current.add(task);
      return () => afterSend.current.delete(task);
    },
  };
  const runAfterSend = () => {
    const tasks = [...afterSend.current];
    afterSend.current.clear();
    if (tasks.length)
      void Promise.allSettled(tasks.map((task) => task())).then(() =>
        qc.invalidateQueries({ queryKey: ticketKeys.all }),
      );
  };

  const statuses = useStatuses();
  // @mention autocomplete in notes: the `@partial` before the caret, the offered staff, the picked row.
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [activeMention, setActiveMention] = useState(0);
  const mentionable = useMentionable(ticketId, isNote && mention ? mention.query : null);
  const people = isNote && mention ? (mentionable.data ?? []) : [];
  const trackMention = (el: HTMLTextAreaElement) => {
    const found = isNote ? mentionAtCaret(el.value, el.selectionStart) : null;
    setMention((cur) => (cur?.query === found?.query && cur?.start === found?.start ? cur : found));
    if (found?.query !== mention?.query) setActiveMention(0);
  };
  const pickMention = (handle: string) => {
    const el = textareaRef.current;
    if (!el || !mention) return;
    const next = insertMention(el.value, el.selectionStart, mention.start, handle);
    form.setFieldValue('body', next.text);
    setMention(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  };
  // The status the next send also sets ("Send and mark …"), read when the form submits.
  const markAs = useRef<string | undefined>(undefined);
  const postMessage = (message: { body: string; isInternal: boolean }, statusId?: string) => {
    if (files.length) setProgress(0);
    post.mutate(
      {
        ticketId,
        ...message,
        ...(statusId && statusChange ? { statusId, version: statusChange.version } : {}),
        files,
        onProgress: setProgress,
      },
      {
        onSuccess: () => {
          hooks.current.sent?.();
          form.reset();
          runAfterSend();
          setFiles([]);
          setProgress(null);
        },
        onError: (err) => {
          setProgress(null);
          showFieldErrors(form)(err);
        },
      },
    );
  };
  // An add-on may ask first ("someone replied", issue 17).
  const send = form.onSubmit((message) => {
    const statusId = markAs.current;
    markAs.current = undefined;
    if (hooks.current.confirmSend) hooks.current.confirmSend(() => postMessage(message, statusId));
    else postMessage(message, statusId);
  });
  const sendAndMark = (statusId: string) => {
    markAs.current = statusId;
    formRef.current?.requestSubmit();
  };
  const markable = !isNote && statusChange ? (statuses.data ?? []).filter((s) => s.id !== statusChange.statusId) : [];
  return (
    <Paper withBorder p="sm" className={isNote ? 'internal-note' : undefined}>
      <form ref={formRef} onSubmit={send}>
        <Stack gap="xs">
          {canNote && (
            <SegmentedControl
              size="xs"
              w="fit-content"
              value={mode}
              onChange={(v) => onModeChange(v as ComposerMode)}
              data={[
                { value: 'reply', label: t('composer.replyToCustomer') },
                { value: 'note', label: t('composer.internalNote') },
              ]}
              aria-label={t('composer.type')}
            />
          )}
          <Textarea
            ref={textareaRef}
            label={isNote ? t('composer.noteLabel') : t('composer.replyLabel')}
            placeholder={isNote ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
            autosize
            minRows={3}
            maxRows={14}
            data-testid="composer"
            {...withSentence(form.getInputProps('body'), t('composer.bodyError'))}
            onChange={(e) => {
              form.getInputProps('body').onChange(e);
              trackMention(e.currentTarget);
            }}
            onClick={(e) => trackMention(e.currentTarget)}
            onBlur={() => setMention(null)}
            onKeyDown={(e) => {
              if (people.length > 0) {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  const step = e.key === 'ArrowDown' ? 1 : -1;
                  setActiveMention((i) => (i + step + people.length) % people.length);
                  return;
                }
                if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
                  e.preventDefault();
                  const picked = people[Math.min(activeMention, people.length - 1)];
                  if (picked) pickMention(picked.handle);
                  return;
                }
                if (e.key === 'Escape') {
                  setMention(null);
                  return;
                }
              }
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) formRef.current?.requestSubmit();
              if (e.key === 'Escape') e.currentTarget.blur();
            }}
          />
          <MentionSuggest
            people={people}
            active={Math.min(activeMention, Math.max(people.length - 1, 0))}
            onPick={(p) => pickMention(p.handle)}
          />
          {composerAddons?.({
            ticketId,
            kind: isNote ? 'note' : 'reply',
            text: form.values.body,
            setText: (text) => form.setFieldValue('body', text),
            hooks,
            showNewer: () => qc.invalidateQueries({ queryKey: [...ticketKeys.all, 'detail'] }),
            shows: (messageId) => messages.some((m) => m.id === messageId),
            staff: isStaff(user),
          })}
          <FilePicker files={files} onChange={setFiles} progress={progress} disabled={post.isPending} />
          <FormError error={post.error} values={form.values} />
          <Group justify="flex-end">
            {composerTools?.(insert, handle)}
            <Group gap={0} wrap="nowrap">
              <Button
                type="submit"
                loading={post.isPending}
                color={isNote ? 'yellow' : undefined}
                c={isNote ? 'dark' : undefined}
                disabled={!form.values.body.trim()}
                style={markable.length ? { borderTopRightRadius: 0, borderBottomRightRadius: 0 } : undefined}
              >
                {isNote ? t('composer.addNote') : t('composer.send')}
              </Button>
              {markable.length > 0 && (
                <Menu position="top-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      size={36}
                      variant="filled"
                      aria-label={t('composer.sendAndMarkMenu')}
                      data-testid="send-and-mark"
                      disabled={!form.values.body.trim() || post.isPending}
                      style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeft: '1px solid white' }}
                    >
                      ▾
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {markable.map((status) => (
                      <Menu.Item key={status.id} onClick={() => sendAndMark(status.id)}>
                        {t('composer.sendAndMark', { status: status.name })}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
