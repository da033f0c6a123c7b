export const adminKeys = {
  users: ['admin', 'users'] as const,
  roles: ['admin', 'roles'] as const,
  settings: ['admin', 'settings'] as const,
  audit: ['admin', 'audit'] as const,
  mailFailures: ['admin', 'mail-failures'] as const,
  webhooks: ['admin', 'webhooks'] as const,
};
