import { createRoleBodySchema } from '@helpdesk/contract';
import { Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBodyForm } from '../../../lib/form';
import { useCreateRole } from '../api/create-role';
import { EntityFormModal } from './entity-form-modal';

/** A new role, without permissions: they are ticked in the matrix. */
export function RoleForm({ onClose }: { onClose: () => void }) {
  const create = useCreateRole();
  const { t } = useTranslation('admin');
  const form = useBodyForm(
    createRoleBodySchema,
    { name: '', description: '' },
    (values) => ({ ...values, permissions: [] }),
    { name: { required: t('common.enterName') } },
  );
  return (
    <EntityFormModal
      title={t('roles.newTitle')}
      form={form}
      onSave={create.mutateAsync}
      pending={create.isPending}
      error={create.error}
      savedMessage={t('roles.created')}
      submitLabel={t('common.create')}
      onClose={onClose}
    >
      <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
      <Textarea label={t('common.description')} {...form.getInputProps('description')} />
    </EntityFormModal>
  );
}
