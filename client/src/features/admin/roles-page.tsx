import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ui/page-header';
import { QueryView } from '../../components/ui/states';
import { useRoles } from './api/get-roles';
import { PermissionMatrix } from './components/permission-matrix';
import { RoleForm } from './components/role-form';

/** Roles and what each may do; new roles start with no permissions. */
export default function RolesPage() {
  const roles = useRoles();
  const [creating, setCreating] = useState(false);
  const { t } = useTranslation('admin');
  return (
    <Stack>
      <PageHeader title={t('roles.title')}>
        <Button onClick={() => setCreating(true)}>{t('roles.new')}</Button>
      </PageHeader>
      <QueryView query={roles}>{(list) => <PermissionMatrix roles={list} />}</QueryView>
      {creating && <RoleForm onClose={() => setCreating(false)} />}
    </Stack>
  );
}
