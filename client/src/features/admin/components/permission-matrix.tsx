import { permissions as allPermissions, type Permission, type Role } from '@helpdesk/contract';
import { Badge, Button, Checkbox, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { notifySuccess } from '../../../components/ui/notify';
import { FormError } from '../../../components/ui/states';
import { useDeleteRole } from '../api/delete-role';
import { useUpdateRole } from '../api/update-role';

const isPermission = (p: string): p is Permission => (allPermissions as readonly string[]).includes(p);

/** A column per role, a row per permission; each role's changes are saved on their own. */
export function PermissionMatrix({ roles }: { roles: Role[] }) {
  /** Unsaved permission lists, by role id. */
  const [draft, setDraft] = useState<Record<string, Permission[]>>({});
  const save = useUpdateRole();
  const remove = useDeleteRole();
  const perms = (r: Role) => draft[r.id] ?? r.permissions.filter(isPermission);
  const locked = (r: Role) => r.name === 'SUPER_ADMIN';
  const toggle = (r: Role, p: Permission) => {
    const cur = perms(r);
    setDraft({ ...draft, [r.id]: cur.includes(p) ? cur.filter((x) => x !== p) : [...cur, p] });
  };

  return (
    <>
      <FormError error={save.error ?? remove.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder withColumnBorders striped data-testid="permission-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Permission</Table.Th>
              {roles.map((r) => (
                <Table.Th key={r.id} ta="center">
                  <Stack gap={2} align="center">
                    <Text size="sm" fw={600}>
                      {r.name}
                    </Text>
                    {r.isSystem && (
                      <Badge size="xs" variant="light">
                        built-in
                      </Badge>
                    )}
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {allPermissions.map((p) => (
              <Table.Tr key={p}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {p}
                  </Text>
                </Table.Td>
                {roles.map((r) => (
                  <Table.Td key={r.id} ta="center">
                    <Checkbox
                      aria-label={`${r.name}: ${p}`}
                      checked={locked(r) || perms(r).includes(p)}
                      disabled={locked(r)}
                      onChange={() => toggle(r, p)}
                      style={{ display: 'inline-block' }}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
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
                              notifySuccess('Role saved');
                            },
                          },
                        )
                      }
                    >
                      Save
                    </Button>
                    {!r.isSystem && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          window.confirm(`Delete ${r.name}?`) &&
                          remove.mutate(r.id, { onSuccess: () => notifySuccess('Role deleted') })
                        }
                      >
                        Delete
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
