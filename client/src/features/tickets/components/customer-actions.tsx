import type { TicketDetail } from '@helpdesk/contract';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { FormError } from '../../../components/ui/states';
import { useStatuses } from '../../../lib/api/get-statuses';
import { useUpdateTicket } from '../api/update-ticket';

/**
 * Close and reopen, for the customer who owns the ticket. Closing asks first, then offers to undo
 * (a notification whose Undo reopens the ticket with the status it had).
 */
export function CustomerActions({ detail, detailKey }: { detail: TicketDetail; detailKey: string }) {
  const { t } = useTranslation('tickets');
  const { ticket, allowedActions } = detail;
  const statuses = useStatuses();
  const update = useUpdateTicket(ticket.id, detailKey);
  const [confirming, setConfirming] = useState(false);
  const closed = ticket.status.isClosed;
  const reopenTo = statuses.data?.find((s) => s.isDefault && !s.isClosed) ?? statuses.data?.find((s) => !s.isClosed);
  const closeTo =
    statuses.data?.find((s) => s.isClosed && /^closed$/i.test(s.name)) ?? statuses.data?.find((s) => s.isClosed);
  const target = closed ? reopenTo : closeTo;
  if (!allowedActions.includes(closed ? 'reopen' : 'close') || !target) return null;

  const reopened = () => notifySuccess(t('close.reopened', { number: ticket.number }));
  const reopen = () => update.mutate({ version: ticket.version, statusId: target.id }, { onSuccess: reopened });

  const close = () => {
    const before = ticket.status;
    update.mutate(
      { version: ticket.version, statusId: target.id },
      {
        onSuccess: (after) => {
          setConfirming(false);
          const id = `closed-${ticket.id}`;
          notifications.show({
            id,
            color: 'green',
            autoClose: 10_000,
            message: (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">{t('close.closed', { number: ticket.number })}</Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  data-testid="undo-close"
                  onClick={() => {
                    notifications.hide(id);
                    // Back to the status it had before, at the version the close produced.
                    update.mutate(
                      { version: after.ticket.version, statusId: before.id },
                      { onSuccess: reopened, onError: notifyError },
                    );
                  }}
                >
                  {t('close.undo')}
                </Button>
              </Group>
            ),
          });
        },
      },
    );
  };

  return (
    <Group justify="flex-end">
      <FormError error={update.error} />
      <Button
        variant={closed ? 'light' : 'default'}
        loading={update.isPending && !confirming}
        onClick={closed ? reopen : () => setConfirming(true)}
      >
        {closed ? t('close.reopen') : t('close.close')}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('close.confirmTitle')} centered>
        <Stack>
          <Text size="sm">{t('close.confirmText')}</Text>
          <FormError error={update.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('close.cancel')}
            </Button>
            <Button color="red" loading={update.isPending} onClick={close} data-testid="confirm-close">
              {t('close.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
