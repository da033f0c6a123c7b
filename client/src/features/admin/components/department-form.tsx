import { createDepartmentBodySchema, type Department } from '@helpdesk/contract';
import { MultiSelect, Switch, Textarea, TextInput } from '@mantine/core';
import { useAgents } from '../../../lib/api/get-agents';
import { useBodyForm } from '../../../lib/form';
import { toOptions } from '../../../lib/options';
import { useCreateDepartment } from '../api/create-department';
import { useSetDepartmentMembers } from '../api/set-department-members';
import { useUpdateDepartment } from '../api/update-department';
import { createOrUpdate, EntityFormModal } from './entity-form-modal';

/** A department's details and its agents (saved as two requests: the department, then its members). */
export function DepartmentForm({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const agents = useAgents();
  const saving = createOrUpdate(useCreateDepartment(), useUpdateDepartment(), department?.id);
  const members = useSetDepartmentMembers();
  const form = useBodyForm(
    createDepartmentBodySchema,
    {
      name: department?.name ?? '',
      description: department?.description ?? '',
      isActive: department?.isActive ?? true,
      autoAssign: department?.autoAssign ?? false,
      memberIds: department?.memberIds ?? [],
    },
    // A new department starts active; the members go in their own request.
    ({ memberIds: _, isActive, ...details }) => (department ? { ...details, isActive } : details),
  );
  const saveWithMembers = async (body: Parameters<typeof saving.onSave>[0]) => {
    const saved = await saving.onSave(body);
    await members.mutateAsync({ id: saved.id, userIds: form.getValues().memberIds });
  };
  return (
    <EntityFormModal
      title={department ? `Edit ${department.name}` : 'New department'}
      form={form}
      onSave={saveWithMembers}
      pending={saving.pending || members.isPending}
      error={saving.error ?? members.error}
      savedMessage="Department saved"
      onClose={onClose}
    >
      <TextInput label="Name" required {...form.getInputProps('name')} />
      <Textarea label="Description" {...form.getInputProps('description')} />
      <MultiSelect label="Agents" data={toOptions(agents.data)} searchable {...form.getInputProps('memberIds')} />
      <Switch
        label="Assign new tickets automatically (round-robin)"
        {...form.getInputProps('autoAssign', { type: 'checkbox' })}
      />
      {department && <Switch label="Active" {...form.getInputProps('isActive', { type: 'checkbox' })} />}
    </EntityFormModal>
  );
}
