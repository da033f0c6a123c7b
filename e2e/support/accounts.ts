/** The password of the accounts the specs create (long enough for the password rules). */
export const password = 'correct horse battery staple';

/**
 * The first super admin: helpdesk.spec.ts creates it on the setup page of the fresh server;
 * specs that run after it (in name order) sign in as this admin to make their own users.
 */
export const admin = { name: 'Ada Admin', email: 'ada@example.test', password };
