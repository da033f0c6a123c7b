export * from './auth.js';
export * from './collab.js';
export * from './knowledge-base.js';
export * from './satisfaction.js';
export * from './system.js';
export * from './tickets.js';
export * from './two-factor.js';
export * from './users.js';
