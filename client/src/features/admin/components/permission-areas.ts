import { permissions as allPermissions, type Permission } from '@helpdesk/contract';

export type PermissionArea = 'tickets' | 'people' | 'configuration' | 'oversight';

/** The roles page's groups: every permission of the contract in one area (a test keeps it so). */
export const permissionAreas: { area: PermissionArea; permissions: Permission[] }[] = [
  {
    area: 'tickets',
    permissions: [
      'tickets.create',
      'tickets.view_own',
      'tickets.view_department',
      'tickets.view_all',
      'tickets.reply',
      'tickets.internal_note',
      'tickets.update',
      'tickets.assign',
      'tickets.bulk',
      'tickets.delete',
    ],
  },
  { area: 'people', permissions: ['users.view', 'users.manage', 'roles.manage', 'departments.manage'] },
  { area: 'configuration', permissions: ['statuses.manage', 'settings.manage'] },
  { area: 'oversight', permissions: ['reports.view', 'audit.view'] },
];

/** Permissions a newer server knows and this list does not yet: shown in an area of their own. */
export const ungroupedPermissions = (): Permission[] =>
  allPermissions.filter((p) => !permissionAreas.some((a) => a.permissions.includes(p)));
