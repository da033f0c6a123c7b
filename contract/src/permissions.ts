/** Built-in role names; custom roles may be added beside them. */
export const systemRoleNames = ['SUPER_ADMIN', 'ADMIN', 'AGENT', 'CUSTOMER'] as const;
export type SystemRoleName = (typeof systemRoleNames)[number];

/** Every permission string the server checks. docs/roles-and-permissions.md lists what each allows. */
export const permissions = [
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
  'tickets.merge_any',
  'tags.create',
  'tags.manage',
  'canned.manage',
  'users.view',
  'users.manage',
  'roles.manage',
  'departments.manage',
  'customers.manage',
  'organisations.manage',
  'statuses.manage',
  'settings.manage',
  'fields.manage',
  'reports.view',
  'audit.view',
  'kb.write',
  'kb.publish',
] as const;
export type Permission = (typeof permissions)[number];

const agentPermissions: Permission[] = [
  'tickets.create',
  'tickets.view_department',
  'tickets.reply',
  'tickets.internal_note',
  'tickets.update',
  'tickets.assign',
  'tickets.bulk',
  'users.view',
  'reports.view',
  'kb.write',
  'customers.manage',
  'tags.create',
];

/** The permission lists the built-in roles start with. SUPER_ADMIN always has every permission. */
export const systemRolePermissions: Record<SystemRoleName, Permission[]> = {
  SUPER_ADMIN: [...permissions],
  ADMIN: permissions.filter((p) => p !== 'roles.manage'),
  AGENT: agentPermissions,
  CUSTOMER: ['tickets.create', 'tickets.view_own', 'tickets.reply'],
};

export const systemRoleDescriptions: Record<SystemRoleName, string> = {
  SUPER_ADMIN: 'Everything, including admins and roles',
  ADMIN: 'Manages users, departments, statuses, priorities and settings',
  AGENT: 'Works the tickets of their departments',
  CUSTOMER: 'Files and follows their own tickets',
};
