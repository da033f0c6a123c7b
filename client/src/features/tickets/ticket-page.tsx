import type { TicketDetail, TicketMessage } from '@helpdesk/contract';
import { Alert, Anchor, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { ApiError } from '../../lib/api-client';
import { useUser } from '../../lib/auth';
import { isStaff } from '../../lib/permissions';
import { useFeatureSlots } from '../../lib/slots';
import { useTicket } from './api/get-ticket';
import { useTicketAttachments } from './api/get-ticket-attachments';
import { ticketKeys } from './api/keys';
import { AgentControls } from './components/agent-controls';
import { Composer, type ComposerMode } from './components/composer';
import { Conversation } from './components/conversation';
import { CustomerActions } from './components/customer-actions';
import { HistoryTimeline } from './components/history';
import { MergeButton, SplitButton, SplitDialog } from './components/merge-split';
import { PriorityBadge, StatusBadge } from './components/ticket-badges';

export default function TicketPage() {
  const { t } = useTranslation('tickets');
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const staff = isStaff(useUser());
  const detail = useTicket(id);
  // A merged ticket's address: the API redirected to the target; show the target's own address.
  const shown = detail.data?.ticket;
  useEffect(() => {
    if (shown && id !== shown.id && id.replace(/^#/, '') !== String(shown.number)) {
      navigate(paths.ticket(shown.number) + location.hash, { replace: true, state: { mergedFrom: id } });
    }
  }, [shown, id, navigate, location.hash]);

  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return (
        <Empty title={t('ticket.notFoundTitle')}>
          {t('ticket.notFoundText')}{' '}
          <Anchor component={Link} to={staff ? paths.queue : paths.myTickets}>
            {t('ticket.backToList')}
          </Anchor>
        </Empty>
      );
    }
    return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  }
  // One view per ticket: its first render is the one with the data (see restShown).
  return <TicketView key={detail.data.ticket.id} detail={detail.data} detailKey={id} staff={staff} />;
}

/** A ticket that has been read: the conversation, and for staff the sidebar and its tools. */
function TicketView({ detail, detailKey, staff }: { detail: TicketDetail; detailKey: string; staff: boolean }) {
  const { t } = useTranslation('tickets');
  // A notification opens the ticket at a message: `#message-<id>`.
  const location = useLocation();
  const focusId = /^#message-([0-9a-f-]{36})$/.exec(location.hash)?.[1];
  const mergedFrom = (location.state as { mergedFrom?: string } | null)?.mergedFrom;
  const { ticketActions, ticketPanel, ticketSidebar, ticketFields, ticketPresence } = useFeatureSlots();
  const qc = useQueryClient();
  const { ticket, messages, allowedActions } = detail;
  const files = useTicketAttachments(ticket.id);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [splitting, setSplitting] = useState<TicketMessage | null>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  // The ticket and its conversation render first; the sidebar, the reply box and the features'
  // parts (most of the page's components, and all its other reads, in one batch) right after,
  // so that a ticket shows at once (issue 22). This view mounts with the ticket's data, so the
  // first render is the one that shows the ticket: mounted with the page's loading state, the
  // second render had come while the ticket was still on its way.
  const restShown = useDeferredValue(true, false);

  useHotkeys([
    [
      'r',
      () => {
        setMode('reply');
        setTimeout(() => composerRef.current?.focus(), 0);
      },
    ],
    [
      'n',
      () => {
        if (!staff) return;
        setMode('note');
        setTimeout(() => composerRef.current?.focus(), 0);
      },
    ],
  ]);

  const canReply = allowedActions.includes('reply');
  const refresh = () => void qc.invalidateQueries({ queryKey: ticketKeys.all });
  const canNote = staff && allowedActions.includes('internal_note');
  // Split buttons and their one dialog come with the page's second render.
  const canSplit = restShown && staff && allowedActions.includes('update');

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Anchor component={Link} to={staff ? paths.queue : paths.myTickets} size="sm">
          ← {staff ? t('list.backToQueue') : t('list.backToMine')}
        </Anchor>
        <Title order={1} size="h3" className="user-text" data-testid="ticket-subject">
          <Text span c="dimmed" inherit>
            #{ticket.number}
          </Text>{' '}
          {ticket.subject}
        </Title>
        <Group gap="xs">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <Text size="sm" c="dimmed">
            {t('ticket.openedBy', { department: ticket.department.name, customer: ticket.customer.name })}{' '}
            <TimeAgo value={ticket.createdAt} />
          </Text>
          {restShown && staff && ticketActions?.(ticket.id)}
          {staff && allowedActions.includes('update') && <MergeButton ticket={ticket} />}
        </Group>
        {restShown && staff && ticketPresence?.(ticket.id)}
        {mergedFrom && (
          <Alert color="blue" data-testid="merged-notice">
            {t('merge.redirected', { from: mergedFrom.replace(/^#/, ''), number: ticket.number })}
          </Alert>
        )}
      </Stack>
      <Grid gap="md">
        {/* On a phone the details come first (collapsed), before the conversation and the reply box. */}
        {staff && (
          <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
            {restShown && (
              <Stack gap="md">
                <AgentControls ticket={ticket} detailKey={detailKey} />
                {ticketFields?.(ticket, refresh)}
                {ticketSidebar?.(ticket)}
              </Stack>
            )}
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, md: staff ? 8 : 12 }} order={{ base: 2, md: 1 }}>
          <Tabs defaultValue="conversation" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="conversation">{t('ticket.conversation')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('ticket.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="conversation">
              <Stack gap="sm">
                <Conversation
                  ticket={ticket}
                  messages={messages}
                  ticketAttachments={files.data}
                  focusId={focusId}
                  messageActions={
                    canSplit
                      ? (m) => (m.isInternal ? null : <SplitButton message={m} onSplit={setSplitting} />)
                      : undefined
                  }
                />
                {!staff && <CustomerActions detail={detail} detailKey={detailKey} />}
                {!staff && ticketFields?.(ticket, refresh)}
                {restShown &&
                  ticketPanel?.({ id: ticket.id, version: ticket.version, isClosed: ticket.status.isClosed })}
                {restShown && (canReply || canNote) ? (
                  <Composer
                    ticketId={ticket.id}
                    canNote={canNote}
                    mode={canNote ? mode : 'reply'}
                    onModeChange={setMode}
                    textareaRef={composerRef}
                    messages={messages}
                    statusChange={
                      staff && allowedActions.includes('change_status')
                        ? { statusId: ticket.status.id, version: ticket.version }
                        : undefined
                    }
                  />
                ) : null}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryTimeline ticketId={ticket.id} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
      </Grid>
      {canSplit && <SplitDialog ticket={ticket} message={splitting} onClose={() => setSplitting(null)} />}
    </Stack>
  );
}
