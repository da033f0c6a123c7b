import { createUserBodySchema, type Role, type User, updateUserBodySchema } from '@helpdesk/contract';
import { MultiSelect, PasswordInput, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../../lib/api/get-departments';
import { useBodyForm } from '../../../lib/form';
import { toOptions } from '../../../lib/options';
import { roleLabel } from '../../../lib/role-label';
import { useCreateUser } from '../api/create-user';
import { useUpdateUser } from '../api/update-user';
import { createOrUpdate, EntityFormModal } from './entity-form-modal';

/** A new user (a password is optional: a reset link does instead), or an existing one's details. */
export function UserForm({ user, roles, onClose }: { user: User | null; roles: Role[]; onClose: () => void }) {
  const departments = useDepartments();
  const saving = createOrUpdate(useCreateUser(), useUpdateUser(), user?.id);
  const { t } = useTranslation(['admin', 'auth']);
  const form = useBodyForm(
    user ? updateUserBodySchema : createUserBodySchema,
    {
      name: user?.name ?? '',
      email: user?.email ?? '',
      roleId: user?.role.id ?? roles.find((r) => r.name === 'AGENT')?.id ?? '',
      departmentIds: user?.departmentIds ?? [],
      password: '',
    },
    // Only a new user may come with a password; the update body has no such field.
    ({ password, ...details }) => (user || !password ? details : { ...details, password }),
    {
      name: { required: t('common.enterName') },
      email: { required: t('users.enterEmail') },
      roleId: { required: t('users.chooseRole') },
      password: { invalid: t('auth:fields.passwordTooShort') },
    },
  );
  return (
    <EntityFormModal
      title={user ? t('users.editTitle', { name: user.name }) : t('users.new')}
      form={form}
      {...saving}
      savedMessage={user ? t('users.saved') : t('users.created')}
      onClose={onClose}
    >
      <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
      <TextInput label={t('common.email')} type="email" required {...form.getInputProps('email')} />
      <Select
        label={t('common.role')}
        required
        data={roles.map((r) => ({ value: r.id, label: roleLabel(r.name) }))}
        allowDeselect={false}
        {...form.getInputProps('roleId')}
      />
      <MultiSelect
        label={t('common.departments')}
        data={toOptions(departments.data)}
        searchable
        {...form.getInputProps('departmentIds')}
      />
      {!user && (
        <PasswordInput
          label={t('common.password')}
          description={t('users.passwordHint')}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
      )}
    </EntityFormModal>
  );
}
