import { permissions as allPermissions, type Permission } from '@helpdesk/contract';

export type PermissionArea = 'tickets' | 'help' | 'people' | 'configuration' | 'oversight' | 'other';

/** The area of a permission by what it is about (the part before the dot). */
const areaByTopic: Record<string, PermissionArea> = {
  tickets: 'tickets',
  tags: 'tickets',
  canned: 'tickets',
  kb: 'help',
  users: 'people',
  roles: 'people',
  departments: 'people',
  customers: 'people',
  organisations: 'people',
  statuses: 'configuration',
  settings: 'configuration',
  fields: 'configuration',
  reports: 'oversight',
  audit: 'oversight',
};

export const areaOf = (p: Permission): PermissionArea => areaByTopic[p.split('.')[0] ?? ''] ?? 'other';

/** The roles page's groups, in this order, each with its permissions in the contract's order. */
export const permissionAreas = (['tickets', 'people', 'configuration', 'oversight', 'help', 'other'] as const)
  .map((area) => ({ area, permissions: allPermissions.filter((p) => areaOf(p) === area) }))
  .filter((group) => group.permissions.length > 0);
