import { permissions as allPermissions, type Permission, type Role } from '@helpdesk/contract';
import { Badge, Button, Checkbox, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/ui/notify';
import { FormError } from '../../../components/ui/states';
import { roleLabel } from '../../../lib/role-label';
import { useDeleteRole } from '../api/delete-role';
import { useUpdateRole } from '../api/update-role';
import { permissionAreas } from './permission-areas';

const isPermission = (p: string): p is Permission => (allPermissions as readonly string[]).includes(p);

/**
 * A column per role, a row per permission grouped by area: each permission by its label and what
 * it allows, its key in a tooltip. Each role's changes are saved on their own.
 */
export function PermissionMatrix({ roles }: { roles: Role[] }) {
  /** Unsaved permission lists, by role id. */
  const [draft, setDraft] = useState<Record<string, Permission[]>>({});
  const save = useUpdateRole();
  const remove = useDeleteRole();
  const { t } = useTranslation('admin');
  const perms = (r: Role) => draft[r.id] ?? r.permissions.filter(isPermission);
  const locked = (r: Role) => r.name === 'SUPER_ADMIN';
  const toggle = (r: Role, p: Permission) => {
    const cur = perms(r);
    setDraft({ ...draft, [r.id]: cur.includes(p) ? cur.filter((x) => x !== p) : [...cur, p] });
  };
  const label = (p: Permission) => t(`permissions.${p}.label`, { defaultValue: p });

  return (
    <>
      <FormError error={save.error ?? remove.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder withColumnBorders data-testid="permission-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('roles.permission')}</Table.Th>
              {roles.map((r) => (
                <Table.Th key={r.id} ta="center">
                  <Stack gap={2} align="center">
                    <Tooltip
                      label={
                        r.isSystem
                          ? t(`roles.descriptions.${r.name}`, { defaultValue: r.name })
                          : r.description || r.name
                      }
                      multiline
                      w={220}
                    >
                      <Text size="sm" fw={600} data-testid="role-name">
                        {roleLabel(r.name)}
                      </Text>
                    </Tooltip>
                    {r.isSystem && (
                      <Badge size="xs" variant="light">
                        {t('roles.builtIn')}
                      </Badge>
                    )}
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {permissionAreas.map(({ area, permissions }) => (
              <Fragment key={area}>
                <Table.Tr bg="var(--mantine-color-default-hover)">
                  <Table.Th colSpan={roles.length + 1} scope="colgroup">
                    {area === 'other' ? '—' : t(`areas.${area}`)}
                  </Table.Th>
                </Table.Tr>
                {permissions.map((p) => (
                  <Table.Tr key={p}>
                    <Table.Td>
                      <Tooltip label={t('roles.keyHint', { key: p })} position="top-start">
                        <Text size="sm" fw={500} data-permission={p} w="fit-content">
                          {label(p)}
                        </Text>
                      </Tooltip>
                      <Text size="xs" c="dimmed" maw={360}>
                        {t(`permissions.${p}.description`, { defaultValue: '' })}
                      </Text>
                    </Table.Td>
                    {roles.map((r) => (
                      <Table.Td key={r.id} ta="center">
                        <Checkbox
                          aria-label={t('roles.checkbox', { role: roleLabel(r.name), permission: label(p) })}
                          title={locked(r) ? t('roles.superAdminAll') : undefined}
                          checked={locked(r) || perms(r).includes(p)}
                          disabled={locked(r)}
                          onChange={() => toggle(r, p)}
                          style={{ display: 'inline-block' }}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Fragment>
            ))}
            <Table.Tr>
              <Table.Td />
              {roles.map((r) => (
                <Table.Td key={r.id} ta="center">
                  <Stack gap={4} align="center">
                    <Button
                      size="compact-xs"
                      disabled={!draft[r.id] || locked(r)}
                      loading={save.isPending}
                      onClick={() =>
                        save.mutate(
                          { id: r.id, permissions: perms(r) },
                          {
                            onSuccess: () => {
                              const { [r.id]: _, ...rest } = draft;
                              setDraft(rest);
                              notifySuccess(t('roles.saved'));
                            },
                          },
                        )
                      }
                    >
                      {t('roles.save')}
                    </Button>
                    {!r.isSystem && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          window.confirm(t('roles.confirmDelete', { name: r.name })) &&
                          remove.mutate(r.id, { onSuccess: () => notifySuccess(t('roles.deleted')) })
                        }
                      >
                        {t('roles.delete')}
                      </Button>
                    )}
                  </Stack>
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
