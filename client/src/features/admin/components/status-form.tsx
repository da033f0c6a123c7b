import { createStatusBodySchema, type TicketStatus } from '@helpdesk/contract';
import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBodyForm } from '../../../lib/form';
import { useCreateStatus } from '../api/create-status';
import { useUpdateStatus } from '../api/update-status';
import { createOrUpdate } from './entity-form-modal';
import { ReferenceFormModal } from './reference-form';

export function StatusForm({ status, onClose }: { status: TicketStatus | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const form = useBodyForm(
    createStatusBodySchema,
    {
      name: status?.name ?? '',
      color: status?.color ?? '#228be6',
      isClosed: status?.isClosed ?? false,
      isDefault: status?.isDefault ?? false,
      pausesSla: status?.pausesSla ?? false,
    },
    { name: { required: t('common.enterName') } },
  );
  return (
    <ReferenceFormModal
      noun="status"
      editing={status?.name}
      form={form}
      saving={createOrUpdate(useCreateStatus(), useUpdateStatus(), status?.id)}
      onClose={onClose}
    >
      <Switch label={t('statuses.isClosed')} {...form.getInputProps('isClosed', { type: 'checkbox' })} />
      <Switch label={t('statuses.pausesSla')} {...form.getInputProps('pausesSla', { type: 'checkbox' })} />
    </ReferenceFormModal>
  );
}
