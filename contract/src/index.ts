export * from './common.js';
export * from './dashboard.js';
export * from './health.js';
export * from './permissions.js';
export * from './tickets.js';
