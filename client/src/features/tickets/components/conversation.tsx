import type { Attachment, Ticket, TicketMessage } from '@helpdesk/contract';
import { Anchor, Badge, Group, Image, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { TimeAgo } from '../../../components/ui/time-ago';

const previewable = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function Attachments({ items }: { items: Attachment[] | undefined }) {
  if (!items || items.length === 0) return null;
  return (
    <Stack gap={4} mt="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {items
          .filter((a) => previewable.has(a.mimeType))
          .map((a) => (
            <Anchor key={a.id} href={`${a.url}?inline=1`} target="_blank" rel="noopener">
              <Image src={`${a.url}?inline=1`} alt={a.fileName} h={90} fit="cover" radius="sm" />
            </Anchor>
          ))}
      </SimpleGrid>
      {items.map((a) => (
        <Anchor key={a.id} href={a.url} size="sm" download={a.fileName} data-testid="attachment">
          <svg width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
            <path d="m21.4 11.1-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
          </svg>{' '}
          {a.fileName}
        </Anchor>
      ))}
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
}: {
  author: string;
  role?: string;
  createdAt: string;
  body: string;
  internal: boolean;
  attachments?: Attachment[];
  testId: string;
}) {
  return (
    <Paper
      withBorder
      p="sm"
      className={internal ? 'internal-note' : undefined}
      data-testid={testId}
      aria-label={internal ? `Internal note by ${author}` : `Message from ${author}`}
      component="article"
    >
      <Group justify="space-between" gap="xs" mb={6}>
        <Group gap={6}>
          <Text fw={600} size="sm">
            {author}
          </Text>
          {role && role !== 'CUSTOMER' && (
            <Badge size="xs" variant="light" color="gray">
              {role === 'AGENT' ? 'Agent' : role.replace('_', ' ').toLowerCase()}
            </Badge>
          )}
          {internal && (
            <Badge size="xs" color="yellow" variant="filled" c="dark">
              Internal note
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          <TimeAgo value={createdAt} />
        </Text>
      </Group>
      <Text size="sm" className="user-text">
        {body}
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
}: {
  ticket: Ticket;
  messages: TicketMessage[];
  ticketAttachments?: Attachment[];
}) {
  const loose = ticketAttachments?.filter((a) => !a.messageId);
  return (
    <Stack gap="sm" aria-label="Conversation">
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
        />
      ))}
    </Stack>
  );
}
