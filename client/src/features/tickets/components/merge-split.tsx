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

/** "Split": a public message becomes its own ticket (same customer and department), then that one opens. */
export function SplitButton({ ticket, message }: { ticket: Ticket; message: TicketMessage }) {
  const { t } = useTranslation('tickets');
  const [opened, setOpened] = useState(false);
  const [subject, setSubject] = useState(ticket.subject);
  const split = useSplitMessage();
  const navigate = useNavigate();
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={() => setOpened(true)} data-testid="split-button">
        {t('split.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('split.title')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            split.mutate(
              { ticketId: ticket.id, messageId: message.id, subject },
              {
                onSuccess: (made) => {
                  setOpened(false);
                  navigate(paths.ticket(made.ticket.number));
                },
              },
            );
          }}
        >
          <Stack>
            <Text size="sm">{t('split.text')}</Text>
            <TextInput label={t('split.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
            <FormError error={split.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={split.isPending}>
                {t('split.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
