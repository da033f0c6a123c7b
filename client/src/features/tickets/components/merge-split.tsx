import type { Ticket, TicketMessage } from '@helpdesk/contract';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormError } from '../../../components/ui/states';
import { paths } from '../../../config/paths';
import { useMergeTicket, useSplitMessage } from '../api/merge-ticket';

/** "Merge into…": this ticket's conversation moves to another ticket, then that one opens. */
export function MergeButton({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const [opened, setOpened] = useState(false);
  const [into, setInto] = useState('');
  const merge = useMergeTicket();
  const navigate = useNavigate();
  const ref = into.trim().replace(/^#/, '');
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpened(true)} data-testid="merge-button">
        {t('merge.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('merge.title', { number: ticket.number })}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            merge.mutate(
              { ticketId: ticket.id, into: ref },
              {
                onSuccess: (target) => {
                  setOpened(false);
                  navigate(paths.ticket(target.ticket.number));
                },
              },
            );
          }}
        >
          <Stack>
            <Text size="sm">{t('merge.text')}</Text>
            <TextInput
              label={t('merge.into')}
              placeholder="#1042"
              value={into}
              onChange={(e) => setInto(e.currentTarget.value)}
              data-autofocus
              data-testid="merge-into"
            />
            <FormError error={merge.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={merge.isPending} disabled={!/^\d+$/.test(ref)} color="red">
                {t('merge.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/**
 * "Split" on a public message: opens the page's one SplitDialog for it. A button per message and
 * one dialog per page: a dialog (and its mutation) per message made every conversation's first
 * render pay for modals nobody had opened (issue 22).
 */
export function SplitButton({ message, onSplit }: { message: TicketMessage; onSplit: (m: TicketMessage) => void }) {
  const { t } = useTranslation('tickets');
  return (
    <Button size="compact-xs" variant="subtle" onClick={() => onSplit(message)} data-testid="split-button">
      {t('split.button')}
    </Button>
  );
}

/** The message being split becomes its own ticket (same customer and department), then that one opens. */
export function SplitDialog({
  ticket,
  message,
  onClose,
}: {
  ticket: Ticket;
  /** The message to split; null while the dialog is closed. */
  message: TicketMessage | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('tickets');
  const [subject, setSubject] = useState(ticket.subject);
  const split = useSplitMessage();
  const navigate = useNavigate();
  // Each split starts from the ticket's subject.
  const close = () => {
    setSubject(ticket.subject);
    onClose();
  };
  return (
    <Modal opened={message !== null} onClose={close} title={t('split.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!message) return;
          split.mutate(
            { ticketId: ticket.id, messageId: message.id, subject },
            {
              onSuccess: (made) => {
                close();
                navigate(paths.ticket(made.ticket.number));
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">{t('split.text')}</Text>
          <TextInput
            label={t('split.subject')}
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            data-testid="split-subject"
          />
          <FormError error={split.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={split.isPending} data-testid="split-confirm">
              {t('split.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
