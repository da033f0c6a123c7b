export * from './accounts.js';
export * from './attachments.js';
export * from './common.js';
export * from './dashboard.js';
export * from './health.js';
export * from './notifications.js';
export * from './permissions.js';
export * from './tickets.js';
