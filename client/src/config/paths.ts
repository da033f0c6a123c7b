/** Every URL of the app in one place. */
export const paths = {
  home: '/',
  setup: '/setup',
  signIn: (next?: string) => (next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'),
  signUp: '/sign-up',
  resetPassword: '/reset-password',
  profile: '/profile',
  myTickets: '/tickets',
  newTicket: '/tickets/new',
  ticket: (idOrNumber: string | number) => `/tickets/${idOrNumber}`,
  queue: '/queue',
  dashboard: '/dashboard',
  notifications: '/notifications',
  admin: {
    users: '/admin/users',
    roles: '/admin/roles',
    departments: '/admin/departments',
    statuses: '/admin/statuses',
    settings: '/admin/settings',
    audit: '/admin/audit',
  },
} as const;

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return paths.home;
  return next;
}
