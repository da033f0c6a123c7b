import type { Attachment, Ticket, TicketMessage } from '@helpdesk/contract';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Image,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TimeAgo } from '../../../components/ui/time-ago';
import { splitMentions } from '../mentions';

const previewable = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function PaperclipIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <path d="m21.4 11.1-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
    </svg>
  );
}

/**
 * A message's files: images once, as thumbnails that open a larger view (with a download
 * button); every other file as a download link.
 */
export function Attachments({ items }: { items: Attachment[] | undefined }) {
  const { t } = useTranslation('tickets');
  const [shown, setShown] = useState<Attachment | null>(null);
  if (!items || items.length === 0) return null;
  const images = items.filter((a) => previewable.has(a.mimeType));
  const others = items.filter((a) => !previewable.has(a.mimeType));
  return (
    <Stack gap={4} mt="xs">
      {images.length > 0 && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          {images.map((a) => (
            <UnstyledButton
              key={a.id}
              onClick={() => setShown(a)}
              aria-label={t('files.preview', { name: a.fileName })}
              data-testid="attachment-image"
            >
              <Image src={`${a.url}?inline=1`} alt={a.fileName} h={90} fit="cover" radius="sm" />
            </UnstyledButton>
          ))}
        </SimpleGrid>
      )}
      {others.map((a) => (
        <Anchor key={a.id} href={a.url} size="sm" download={a.fileName} data-testid="attachment">
          <PaperclipIcon /> {a.fileName}
        </Anchor>
      ))}
      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={<span className="user-text">{shown?.fileName}</span>}
        size="xl"
        centered
      >
        {shown && (
          <Stack>
            <Image src={`${shown.url}?inline=1`} alt={shown.fileName} fit="contain" mah="70vh" />
            <Group justify="flex-end">
              <Button
                component="a"
                href={shown.url}
                download={shown.fileName}
                variant="default"
                leftSection={<PaperclipIcon />}
                aria-label={t('files.download', { name: shown.fileName })}
                data-testid="attachment-download"
              >
                {t('files.downloadButton')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function Entry({
  author,
  role,
  createdAt,
  body,
  internal,
  attachments,
  testId,
  anchorId,
  focused,
  actions,
}: {
  anchorId?: string;
  /** Opened at this message (a notification's link): scrolled to and highlighted. */
  focused?: boolean;
  /** Staff actions on the message (split into a new ticket). */
  actions?: ReactNode;
  author: string;
  role?: string;
  createdAt: string;
  body: string;
  internal: boolean;
  attachments?: Attachment[];
  testId: string;
}) {
  const { t } = useTranslation('tickets');
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'center' });
  }, [focused]);
  return (
    <Paper
      ref={ref}
      id={anchorId}
      withBorder
      p="sm"
      className={[internal ? 'internal-note' : '', focused ? 'focused-message' : ''].join(' ').trim() || undefined}
      data-focused={focused || undefined}
      style={focused ? { outline: '3px solid var(--mantine-color-blue-filled)', outlineOffset: 2 } : undefined}
      data-testid={testId}
      aria-label={internal ? t('ticket.internalNoteBy', { author }) : t('ticket.messageFrom', { author })}
      component="article"
    >
      <Group justify="space-between" gap="xs" mb={6}>
        <Group gap={6}>
          <Text fw={600} size="sm">
            {author}
          </Text>
          {role && role !== 'CUSTOMER' && (
            <Badge size="xs" variant="light" color="gray">
              {role === 'AGENT' ? t('ticket.agent') : /ADMIN$/.test(role) ? t('ticket.admin') : role}
            </Badge>
          )}
          {internal && (
            <Badge size="xs" color="yellow" variant="filled" c="dark">
              {t('ticket.internalNote')}
            </Badge>
          )}
        </Group>
        <Group gap={4}>
          {actions}
          <Text size="xs" c="dimmed">
            <TimeAgo value={createdAt} />
          </Text>
        </Group>
      </Group>
      <Text size="sm" className="user-text">
        {internal
          ? // Mentions are highlighted as text: the note's characters are never read as HTML.
            splitMentions(body).map((part, i) =>
              part.mention ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order
                <mark key={i} className="mention" data-testid="mention">
                  {part.text}
                </mark>
              ) : (
                part.text
              ),
            )
          : body}
      </Text>
      <Attachments items={attachments} />
    </Paper>
  );
}

/** The description and every message, oldest first; internal notes stand out. Text only. */
export function Conversation({
  ticket,
  messages,
  ticketAttachments,
  focusId,
  messageActions,
}: {
  ticket: Ticket;
  messages: TicketMessage[];
  ticketAttachments?: Attachment[];
  /** The message to open at (`#message-<id>` in the address). */
  focusId?: string;
  messageActions?: (message: TicketMessage) => ReactNode;
}) {
  const { t } = useTranslation('tickets');
  const loose = ticketAttachments?.filter((a) => !a.messageId);
  return (
    <Stack gap="sm" aria-label={t('ticket.conversation')}>
      <Entry
        author={ticket.customer.name}
        createdAt={ticket.createdAt}
        body={ticket.description}
        internal={false}
        attachments={loose}
        testId="ticket-description"
      />
      {messages.map((m) => (
        <Entry
          key={m.id}
          author={m.author.name}
          role={m.author.role}
          createdAt={m.createdAt}
          body={m.body}
          internal={m.isInternal}
          attachments={ticketAttachments?.filter((a) => a.messageId === m.id)}
          testId={m.isInternal ? 'internal-note' : 'message'}
          anchorId={`message-${m.id}`}
          focused={m.id === focusId}
          actions={messageActions?.(m)}
        />
      ))}
    </Stack>
  );
}
