/** `path?next=…`: where to go on afterwards (the home page needs no parameter). */
const withNext = (path: string, next?: string) =>
  next && next !== '/' ? `${path}?next=${encodeURIComponent(next)}` : path;

/** Every URL of the app in one place. */
export const paths = {
  home: '/',
  setup: '/setup',
  signIn: (next?: string) => withNext('/sign-in', next),
  signUp: '/sign-up',
  resetPassword: '/reset-password',
  forgotPassword: '/forgot-password',
  /** The link mailed to a new e-mail address. */
  confirmEmail: '/confirm-email',
  profile: '/profile',
  /** All of the user's notifications, with filters (beside the bell). */
  notifications: '/notifications',
  /** Enrolment that the staff requirement leads to; `next` is where the user was going. */
  twoFactorSetup: (next?: string) => withNext('/two-factor-setup', next),
  myTickets: '/tickets',
  newTicket: '/tickets/new',
  /** With `messageId`: opened at that message (scrolled to and highlighted). */
  ticket: (idOrNumber: string | number, messageId?: string | null) =>
    `/tickets/${idOrNumber}${messageId ? `#message-${messageId}` : ''}`,
  queue: '/queue',
  dashboard: '/dashboard',
  /** The public page of a satisfaction rating link. */
  rate: '/rate',
  customers: '/customers',
  customer: (id: string) => `/customers/${id}`,
  /** The signed-in agent's personal canned responses. */
  myCannedResponses: '/canned-responses',
  help: {
    home: '/help',
    search: (q?: string) => (q ? `/help/search?q=${encodeURIComponent(q)}` : '/help/search'),
    category: (id: string) => `/help/categories/${id}`,
    /** An article's readable address: `/help/<id>-<slug>`; `ref` alone (an id or an old slug) also works. */
    article: (ref: string, slug?: string) => (slug ? `/help/${ref}-${slug}` : `/help/${ref}`),
    newArticle: '/help/new',
    edit: (id: string) => `/help/edit/${id}`,
  },
  admin: {
    users: '/admin/users',
    roles: '/admin/roles',
    departments: '/admin/departments',
    statuses: '/admin/statuses',
    settings: '/admin/settings',
    audit: '/admin/audit',
    mailDelivery: '/admin/mail',
    webhooks: '/admin/webhooks',
    helpCategories: '/admin/help-categories',
    organisations: '/admin/organisations',
    tags: '/admin/tags',
    cannedResponses: '/admin/canned-responses',
    customFields: '/admin/custom-fields',
    serviceLevels: '/admin/service-levels',
  },
} as const;

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return paths.home;
  return next;
}
