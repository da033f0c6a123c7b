export * from './auth.js';
export * from './knowledge-base.js';
export * from './system.js';
export * from './tags.js';
export * from './tickets.js';
export * from './two-factor.js';
export * from './users.js';
