import { createRoleBodySchema } from '@helpdesk/contract';
import { Textarea, TextInput } from '@mantine/core';
import { useBodyForm } from '../../../lib/form';
import { useCreateRole } from '../api/create-role';
import { EntityFormModal } from './entity-form-modal';

/** A new role, without permissions: they are ticked in the matrix. */
export function RoleForm({ onClose }: { onClose: () => void }) {
  const create = useCreateRole();
  const form = useBodyForm(createRoleBodySchema, { name: '', description: '' }, (values) => ({
    ...values,
    permissions: [],
  }));
  return (
    <EntityFormModal
      title="New role"
      form={form}
      onSave={create.mutateAsync}
      pending={create.isPending}
      error={create.error}
      savedMessage="Role created"
      submitLabel="Create"
      onClose={onClose}
    >
      <TextInput label="Name" required {...form.getInputProps('name')} />
      <Textarea label="Description" {...form.getInputProps('description')} />
    </EntityFormModal>
  );
}
