import type { WebhookEndpoint } from '@helpdesk/contract';
import { Alert, Badge, Button, Code, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDeleteButtons } from '../../components/ui/edit-delete-buttons';
import { notifySuccess } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, FormError, QueryView } from '../../components/ui/states';
import { TableHead } from '../../components/ui/table-head';
import { TimeAgo } from '../../components/ui/time-ago';
import { useDeleteWebhook, useSendAgain, useWebhookDeliveries, useWebhooks } from './api/webhooks';
import { WebhookForm } from './components/webhook-form';

const stateColor = { pending: 'yellow', delivered: 'green', failed: 'red' } as const;

/** One endpoint's latest deliveries, with "Send again". */
function Deliveries({ webhook }: { webhook: WebhookEndpoint }) {
  const deliveries = useWebhookDeliveries(webhook.id);
  const again = useSendAgain();
  const { t } = useTranslation('admin');
  return (
    <QueryView query={deliveries} empty={<Text c="dimmed">{t('webhooks.noDeliveries')}</Text>}>
      {(items) => (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" data-testid="webhook-deliveries">
            <TableHead
              columns={[
                t('webhooks.columns.when'),
                t('webhooks.columns.event'),
                t('webhooks.columns.state'),
                t('webhooks.columns.response'),
                t('webhooks.columns.attempts'),
                '',
              ]}
            />
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id} data-testid="webhook-delivery">
                  <Table.Td>
                    <TimeAgo value={d.createdAt} />
                  </Table.Td>
                  <Table.Td>
                    <Code>{d.eventType}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={stateColor[d.state]} variant="light">
                      {t(`webhooks.states.${d.state}`)}
                    </Badge>
                    {d.state === 'pending' && d.attempts > 0 && (
                      <Text size="xs" c="dimmed">
                        {t('webhooks.columns.next')}: <TimeAgo value={d.nextAttemptAt} />
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="xs" className="user-text">
                      {d.lastStatus ?? '—'}
                      {d.lastError ? ` · ${d.lastError}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    {d.state !== 'pending' && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        loading={again.isPending && again.variables?.deliveryId === d.id}
                        onClick={() =>
                          again.mutate(
                            { id: webhook.id, deliveryId: d.id },
                            { onSuccess: () => notifySuccess(t('webhooks.sentAgain')) },
                          )
                        }
                      >
                        {t('webhooks.sendAgain')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryView>
  );
}

/** Admin → Webhooks: endpoints, their deliveries and "Send again" (docs/webhooks.md). */
export default function WebhooksPage() {
  const webhooks = useWebhooks();
  const remove = useDeleteWebhook();
  const [editing, setEditing] = useState<WebhookEndpoint | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const { t } = useTranslation('admin');
  return (
    <Stack>
      <PageHeader title={t('webhooks.title')}>
        <Button onClick={() => setEditing('new')}>{t('webhooks.new')}</Button>
      </PageHeader>
      <Text c="dimmed">{t('webhooks.intro')}</Text>
      <FormError error={remove.error} />
      <QueryView query={webhooks} empty={<Empty title={t('webhooks.none')}>{t('webhooks.noneBody')}</Empty>}>
        {(list) => (
          <Stack gap="xs">
            {list.map((w) => (
              <Paper key={w.id} withBorder p="sm" data-testid="webhook">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Text fw={600} className="user-text">
                        {w.name}
                      </Text>
                      {!w.active && <Badge color="gray">{t('webhooks.off')}</Badge>}
                      {w.includeInternal && <Badge variant="light">{t('webhooks.internalBadge')}</Badge>}
                      {w.failed > 0 && <Badge color="red">{t('webhooks.failedCount', { count: w.failed })}</Badge>}
                      {w.pending > 0 && (
                        <Badge color="yellow">{t('webhooks.pendingCount', { count: w.pending })}</Badge>
                      )}
                    </Group>
                    <Text size="sm" c="dimmed" className="user-text">
                      {w.url}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {w.events.join(', ')}
                    </Text>
                    {w.disabledReason && (
                      <Text size="xs" c="red">
                        {w.disabledReason}
                      </Text>
                    )}
                  </Stack>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="light" onClick={() => setOpen(open === w.id ? null : w.id)}>
                      {open === w.id ? t('webhooks.hideDeliveries') : t('webhooks.showDeliveries')}
                    </Button>
                    <EditDeleteButtons
                      size="compact-sm"
                      name={w.name}
                      onEdit={() => setEditing(w)}
                      onDelete={() => remove.mutate(w.id, { onSuccess: () => notifySuccess(t('webhooks.deleted')) })}
                    />
                  </Group>
                </Group>
                {open === w.id && <Deliveries webhook={w} />}
              </Paper>
            ))}
          </Stack>
        )}
      </QueryView>
      {editing && (
        <WebhookForm
          webhook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={setSecret}
        />
      )}
      {secret && (
        <Modal opened onClose={() => setSecret(null)} title={t('webhooks.secretTitle')}>
          <Stack>
            <Alert color="yellow">{t('webhooks.secretOnce')}</Alert>
            <Code block data-testid="webhook-secret">
              {secret}
            </Code>
            <Group justify="flex-end">
              <Button onClick={() => setSecret(null)}>{t('webhooks.secretDone')}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
