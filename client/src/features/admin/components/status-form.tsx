import { createStatusBodySchema, type TicketStatus } from '@helpdesk/contract';
import { Switch } from '@mantine/core';
import { useBodyForm } from '../../../lib/form';
import { useCreateStatus } from '../api/create-status';
import { useUpdateStatus } from '../api/update-status';
import { createOrUpdate } from './entity-form-modal';
import { ReferenceFormModal } from './reference-form';

export function StatusForm({ status, onClose }: { status: TicketStatus | null; onClose: () => void }) {
  const form = useBodyForm(createStatusBodySchema, {
    name: status?.name ?? '',
    color: status?.color ?? '#228be6',
    isClosed: status?.isClosed ?? false,
    isDefault: status?.isDefault ?? false,
  });
  return (
    <ReferenceFormModal
      noun="status"
      editing={status?.name}
      form={form}
      saving={createOrUpdate(useCreateStatus(), useUpdateStatus(), status?.id)}
      onClose={onClose}
    >
      <Switch label="Tickets in this status are closed" {...form.getInputProps('isClosed', { type: 'checkbox' })} />
    </ReferenceFormModal>
  );
}
