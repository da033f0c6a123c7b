import { createDepartmentBodySchema, type Department } from '@helpdesk/contract';
import { MultiSelect, Select, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../../lib/api/get-agents';
import { useStatuses } from '../../../lib/api/get-statuses';
import { useBodyForm } from '../../../lib/form';
import { toOptions } from '../../../lib/options';
import { useCreateDepartment } from '../api/create-department';
import { useSetDepartmentMembers } from '../api/set-department-members';
import { useUpdateDepartment } from '../api/update-department';
import { createOrUpdate, EntityFormModal } from './entity-form-modal';

/** A department's details and its agents (saved as two requests: the department, then its members). */
export function DepartmentForm({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const agents = useAgents();
  const statuses = useStatuses();
  const saving = createOrUpdate(useCreateDepartment(), useUpdateDepartment(), department?.id);
  const members = useSetDepartmentMembers();
  const { t } = useTranslation('admin');
  const form = useBodyForm(
    createDepartmentBodySchema,
    {
      name: department?.name ?? '',
      description: department?.description ?? '',
      isActive: department?.isActive ?? true,
      autoAssign: department?.autoAssign ?? false,
      replyStatusId: department?.replyStatusId ?? null,
      memberIds: department?.memberIds ?? [],
    },
    // A new department starts active; the members go in their own request.
    ({ memberIds: _, isActive, ...details }) => (department ? { ...details, isActive } : details),
    { name: { required: t('common.enterName') } },
  );
  const saveWithMembers = async (body: Parameters<typeof saving.onSave>[0]) => {
    const saved = await saving.onSave(body);
    await members.mutateAsync({ id: saved.id, userIds: form.getValues().memberIds });
  };
  return (
    <EntityFormModal
      title={department ? t('departments.editTitle', { name: department.name }) : t('departments.newTitle')}
      form={form}
      onSave={saveWithMembers}
      pending={saving.pending || members.isPending}
      error={saving.error ?? members.error}
      savedMessage={t('departments.saved')}
      onClose={onClose}
    >
      <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
      <Textarea label={t('common.description')} {...form.getInputProps('description')} />
      <MultiSelect
        label={t('departments.agentsLabel')}
        data={toOptions(agents.data)}
        searchable
        {...form.getInputProps('memberIds')}
      />
      <Switch label={t('departments.autoAssignLabel')} {...form.getInputProps('autoAssign', { type: 'checkbox' })} />
      <Select
        label={t('departments.replyStatusLabel')}
        description={t('departments.replyStatusHelp')}
        placeholder={t('departments.replyStatusNone')}
        data={toOptions(statuses.data)}
        clearable
        {...form.getInputProps('replyStatusId')}
      />
      {department && (
        <Switch label={t('departments.active')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
      )}
    </EntityFormModal>
  );
}
