// Accounts, roles and the admin area (issue 3): one line in index.ts re-exports them all.
export * from './audit.js';
export * from './auth.js';
export * from './departments.js';
export * from './roles.js';
export * from './settings.js';
export * from './statuses.js';
export * from './two-factor.js';
export * from './users.js';
