import { createUserBodySchema, type Role, type User, updateUserBodySchema } from '@helpdesk/contract';
import { MultiSelect, PasswordInput, Select, TextInput } from '@mantine/core';
import { useDepartments } from '../../../lib/api/get-departments';
import { useBodyForm } from '../../../lib/form';
import { toOptions } from '../../../lib/options';
import { useCreateUser } from '../api/create-user';
import { useUpdateUser } from '../api/update-user';
import { createOrUpdate, EntityFormModal } from './entity-form-modal';

/** A new user (a password is optional: a reset link does instead), or an existing one's details. */
export function UserForm({ user, roles, onClose }: { user: User | null; roles: Role[]; onClose: () => void }) {
  const departments = useDepartments();
  const saving = createOrUpdate(useCreateUser(), useUpdateUser(), user?.id);
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
  );
  return (
    <EntityFormModal
      title={user ? `Edit ${user.name}` : 'New user'}
      form={form}
      {...saving}
      savedMessage={user ? 'User saved' : 'User created'}
      onClose={onClose}
    >
      <TextInput label="Name" required {...form.getInputProps('name')} />
      <TextInput label="Email" type="email" required {...form.getInputProps('email')} />
      <Select label="Role" required data={toOptions(roles)} allowDeselect={false} {...form.getInputProps('roleId')} />
      <MultiSelect
        label="Departments"
        data={toOptions(departments.data)}
        searchable
        {...form.getInputProps('departmentIds')}
      />
      {!user && (
        <PasswordInput
          label="Password"
          description="Optional: leave empty and send a reset link instead"
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
      )}
    </EntityFormModal>
  );
}
