import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../components/ui/page-header';
import { QueryView } from '../../components/ui/states';
import { useRoles } from './api/get-roles';
import { PermissionMatrix } from './components/permission-matrix';
import { RoleForm } from './components/role-form';

/** Roles and what each may do; new roles start with no permissions. */
export default function RolesPage() {
  const roles = useRoles();
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      <PageHeader title="Roles and permissions">
        <Button onClick={() => setCreating(true)}>New role</Button>
      </PageHeader>
      <QueryView query={roles}>{(list) => <PermissionMatrix roles={list} />}</QueryView>
      {creating && <RoleForm onClose={() => setCreating(false)} />}
    </Stack>
  );
}
