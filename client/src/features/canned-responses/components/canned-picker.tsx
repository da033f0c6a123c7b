import type { CannedResponse, RenderedCannedResponse } from '@helpdesk/contract';
import { Badge, Button, CloseButton, Group, Popover, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/ui/notify';
import { useUser } from '../../../lib/auth';
import { can, isStaff } from '../../../lib/permissions';
import type { ComposerHandle } from '../../../lib/slots';
import { applyActions, changesTicket } from '../api/apply-actions';
import { downloadCannedFile } from '../api/canned-files';
import { renderCanned } from '../api/render-canned';
import { useTicketCanned } from '../api/ticket-canned';

/** Where the chosen response goes: in place of the `/` typed at `slashAt`, else at `caret`, else at the end. */
interface Target {
  slashAt?: number;
  caret?: number;
}

/** `text` with `insert` put where `target` says. */
export function placeText(text: string, insert: string, target: Target): { body: string; caret: number } | undefined {
  if (target.slashAt !== undefined && text[target.slashAt] === '/') {
    const body = text.slice(0, target.slashAt) + insert + text.slice(target.slashAt + 1);
    return { body, caret: target.slashAt + insert.length };
  }
  if (target.caret !== undefined && target.caret <= text.length) {
    return {
      body: text.slice(0, target.caret) + insert + text.slice(target.caret),
      caret: target.caret + insert.length,
    };
  }
  return undefined;
}

/** Whether the character just typed at `pos` is a `/` that starts a line. */
export const slashStartsLine = (text: string, pos: number) =>
  text[pos] === '/' && (pos === 0 || text[pos - 1] === '\n');

/**
 * The ticket composer's canned responses: `/` at the start of a line, Ctrl+Shift+K or the button
 * open a search; the chosen one is filled in for the ticket by the server and put in the message,
 * where the agent can still edit it. Its status, priority and tag changes are made once the message is sent.
 */
export function CannedPicker({ composer }: { composer: ComposerHandle }) {
  const { t } = useTranslation('canned');
  const user = useUser();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const target = useRef<Target>({});
  const [pending, setPending] = useState<RenderedCannedResponse | null>(null);
  const cancelPending = useRef<(() => void) | undefined>(undefined);
  const usable = isStaff(user) && can(user, 'tickets.reply');
  const results = useTicketCanned(composer.ticketId, debounced, usable && opened);
  const { textarea, ticketId } = composer;

  const open = useCallback((next: Target) => {
    target.current = next;
    setQ('');
    setActive(0);
    setOpened(true);
  }, []);

  useEffect(() => {
    const box = textarea.current;
    if (!box || !usable) return;
    const onInput = (e: Event) => {
      const pos = box.selectionStart - 1;
      if ((e as InputEvent).data === '/' && slashStartsLine(box.value, pos)) open({ slashAt: pos });
    };
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        open({ caret: box.selectionStart });
      }
    };
    box.addEventListener('input', onInput);
    box.addEventListener('keydown', onKeyDown);
    return () => {
      box.removeEventListener('input', onInput);
      box.removeEventListener('keydown', onKeyDown);
    };
  }, [textarea, usable, open]);

  // A pending change is dropped with the composer (another ticket, another page).
  useEffect(() => () => cancelPending.current?.(), []);

  if (!usable) return null;

  const dropPending = () => {
    cancelPending.current?.();
    cancelPending.current = undefined;
    setPending(null);
  };

  const choose = async (response: CannedResponse) => {
    let rendered: RenderedCannedResponse;
    try {
      rendered = await renderCanned(ticketId, response.id);
    } catch (err) {
      notifyError(err);
      return;
    }
    setOpened(false);
    const box = textarea.current;
    const placed = box ? placeText(box.value, rendered.body, target.current) : undefined;
    if (placed) composer.setBody(placed.body);
    else composer.setBody(box?.value ? `${box.value}\n\n${rendered.body}` : rendered.body);
    requestAnimationFrame(() => {
      box?.focus();
      if (box && placed) box.setSelectionRange(placed.caret, placed.caret);
    });
    if (rendered.files.length) {
      try {
        composer.addFiles(await Promise.all(rendered.files.map((f) => downloadCannedFile(response.id, f))));
      } catch (err) {
        notifyError(err);
      }
    }
    dropPending();
    if (changesTicket(rendered)) {
      setPending(rendered);
      cancelPending.current = composer.onSent(async () => {
        try {
          await applyActions(ticketId, rendered);
        } catch (err) {
          notifyError(err);
        } finally {
          cancelPending.current = undefined;
          setPending(null);
        }
      });
    }
  };

  const list = results.data ?? [];
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, list.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') {
      const chosen = list[active];
      if (chosen) void choose(chosen);
    } else return;
    e.preventDefault();
  };

  return (
    <Group gap="xs">
      {pending && (
        <Badge
          variant="light"
          tt="none"
          data-testid="canned-pending"
          rightSection={<CloseButton size="xs" aria-label={t('picker.dropChanges')} onClick={dropPending} />}
        >
          {[
            pending.actions.setStatus && t('picker.setStatus', { name: pending.actions.setStatus.name }),
            pending.actions.setPriority && t('picker.setPriority', { name: pending.actions.setPriority.name }),
            pending.actions.addTags.length > 0 && t('picker.addTags', { names: pending.actions.addTags.join(', ') }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Badge>
      )}
      <Popover opened={opened} onChange={setOpened} width={400} position="top-start" withinPortal trapFocus returnFocus>
        <Popover.Target>
          <Button
            size="xs"
            variant="default"
            onClick={() => (opened ? setOpened(false) : open({}))}
            title={t('picker.shortcut')}
            data-testid="canned-button"
          >
            {t('picker.button')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap={4}>
            <TextInput
              size="xs"
              label={t('picker.search')}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setActive(0);
              }}
              onKeyDown={onSearchKey}
              data-autofocus
              data-testid="canned-search"
            />
            {results.isSuccess && list.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('picker.none')}
              </Text>
            )}
            {list.map((c, i) => (
              <UnstyledButton
                key={c.id}
                onClick={() => void choose(c)}
                onMouseEnter={() => setActive(i)}
                p={6}
                bg={i === active ? 'var(--mantine-color-default-hover)' : undefined}
                style={{ borderRadius: 4 }}
                data-testid="canned-option"
              >
                <Text size="sm" fw={500} truncate className="user-text">
                  {c.title}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1} className="user-text">
                  {c.body}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
