import {
  createWebhookBodySchema,
  type WebhookEndpoint,
  type WebhookEventType,
  webhookEventTypes,
} from '@helpdesk/contract';
import { Checkbox, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../../lib/api/get-departments';
import { useBodyForm } from '../../../lib/form';
import { toOptions } from '../../../lib/options';
import { useCreateWebhook, useUpdateWebhook } from '../api/webhooks';
import { EntityFormModal } from './entity-form-modal';

/**
 * A webhook endpoint's URL, events, department and notes choice. A new one answers with its
 * signing secret, which `onCreated` shows (once).
 */
export function WebhookForm({
  webhook,
  onClose,
  onCreated,
}: {
  webhook: WebhookEndpoint | null;
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  const departments = useDepartments();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const { t } = useTranslation('admin');
  const form = useBodyForm(
    createWebhookBodySchema,
    {
      name: webhook?.name ?? '',
      url: webhook?.url ?? '',
      events: (webhook?.events ?? ['ticket.created', 'message.added']) as string[],
      departmentId: webhook?.departmentId ?? null,
      includeInternal: webhook?.includeInternal ?? false,
      active: webhook?.active ?? true,
    },
    // The checkboxes give strings; the schema checks they are event types.
    (values) => ({ ...values, events: values.events as WebhookEventType[] }),
    { name: { required: t('common.enterName') } },
  );
  const onSave = async (body: Parameters<typeof create.mutateAsync>[0]) => {
    if (webhook) return update.mutateAsync({ id: webhook.id, ...body });
    const created = await create.mutateAsync(body);
    onCreated(created.secret);
    return created.endpoint;
  };
  return (
    <EntityFormModal
      title={webhook ? t('webhooks.editTitle', { name: webhook.name }) : t('webhooks.newTitle')}
      form={form}
      onSave={onSave}
      pending={create.isPending || update.isPending}
      error={create.error ?? update.error}
      savedMessage={t('webhooks.saved')}
      onClose={onClose}
    >
      <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
      <TextInput
        label={t('webhooks.url')}
        description={t('webhooks.urlHelp')}
        placeholder="https://example.com/hooks/helpdesk"
        required
        {...form.getInputProps('url')}
      />
      <Checkbox.Group label={t('webhooks.events')} required {...form.getInputProps('events')}>
        <Stack gap={4} mt={4}>
          {webhookEventTypes.map((type) => (
            <Checkbox key={type} value={type} label={t(`webhooks.eventTypes.${type}`)} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Select
        label={t('webhooks.department')}
        placeholder={t('webhooks.allDepartments')}
        data={toOptions(departments.data)}
        clearable
        {...form.getInputProps('departmentId')}
      />
      <Switch
        label={t('webhooks.includeInternal')}
        description={t('webhooks.includeInternalHelp')}
        {...form.getInputProps('includeInternal', { type: 'checkbox' })}
      />
      <Switch label={t('webhooks.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
    </EntityFormModal>
  );
}
