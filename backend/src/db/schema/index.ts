export * from './auth.js';
export * from './canned-responses.js';
export * from './knowledge-base.js';
export * from './system.js';
export * from './tickets.js';
export * from './two-factor.js';
export * from './users.js';
