import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../components/ui/notify';
import { Empty, QueryView } from '../../components/ui/states';
import { TableHead } from '../../components/ui/table-head';
import { TimeAgo } from '../../components/ui/time-ago';
import { useMailFailures, useRetryMail } from './api/mail-failures';

/** Admin → Mail delivery: what could not be delivered, with "Send again" (docs/email.md). */
export default function MailDeliveryPage() {
  const failures = useMailFailures();
  const retry = useRetryMail();
  const { t } = useTranslation('admin');
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('mailDelivery.title')}
      </Title>
      <Text c="dimmed">{t('mailDelivery.intro')}</Text>
      <QueryView query={failures} empty={<Empty title={t('mailDelivery.none')}>{t('mailDelivery.noneBody')}</Empty>}>
        {(items) => (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="xs">
              <TableHead
                columns={[
                  t('mailDelivery.columns.when'),
                  t('mailDelivery.columns.to'),
                  t('mailDelivery.columns.subject'),
                  t('mailDelivery.columns.state'),
                  t('mailDelivery.columns.error'),
                  '',
                ]}
              />
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <TimeAgo value={m.createdAt} />
                    </Table.Td>
                    <Table.Td className="user-text">{m.toAddress}</Table.Td>
                    <Table.Td className="user-text">{m.subject}</Table.Td>
                    <Table.Td>
                      <Badge color={m.state === 'failed' ? 'red' : 'yellow'} variant="light">
                        {m.state === 'failed' ? t('mailDelivery.failed') : t('mailDelivery.pending')}
                      </Badge>
                      {m.state === 'pending' && (
                        <Text size="xs" c="dimmed">
                          {t('mailDelivery.columns.next')}: <TimeAgo value={m.nextAttemptAt} />
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td maw={280}>
                      <Text size="xs" className="user-text">
                        {m.lastError ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        loading={retry.isPending && retry.variables === m.id}
                        onClick={() =>
                          retry.mutate(m.id, { onSuccess: () => notifySuccess(t('mailDelivery.retried')) })
                        }
                      >
                        {t('mailDelivery.retry')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Stack>
  );
}
