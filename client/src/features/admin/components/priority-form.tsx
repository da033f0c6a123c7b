import { createPriorityBodySchema, type TicketPriority } from '@helpdesk/contract';
import { NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBodyForm } from '../../../lib/form';
import { useCreatePriority } from '../api/create-priority';
import { useUpdatePriority } from '../api/update-priority';
import { createOrUpdate } from './entity-form-modal';
import { ReferenceFormModal } from './reference-form';

export function PriorityForm({ priority, onClose }: { priority: TicketPriority | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const form = useBodyForm(
    createPriorityBodySchema,
    {
      name: priority?.name ?? '',
      color: priority?.color ?? '#228be6',
      level: priority?.level ?? 2,
      isDefault: priority?.isDefault ?? false,
    },
    { name: { required: t('common.enterName') } },
  );
  return (
    <ReferenceFormModal
      noun="priority"
      editing={priority?.name}
      form={form}
      saving={createOrUpdate(useCreatePriority(), useUpdatePriority(), priority?.id)}
      onClose={onClose}
    >
      <NumberInput label={t('statuses.level')} min={0} max={100} {...form.getInputProps('level')} />
    </ReferenceFormModal>
  );
}
