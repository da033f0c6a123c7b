import type { Permission } from '@helpdesk/contract';
import { type ComponentType, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createBrowserRouter,
  createRoutesFromElements,
  type LoaderFunctionArgs,
  Outlet,
  Route,
  RouterProvider,
  useRouteError,
} from 'react-router';
import { Empty, Loading, PageFailed } from '../components/ui/states';
import { paths } from '../config/paths';
import { preloadable } from '../lib/preloadable';
import { queryClient } from '../lib/query-client';
import { AppFeatureSlots, preloadTicketPageParts } from './feature-slots';
import { HelpFrame, HomeRedirect, RequireAuth, RequireGuest, RequirePermission } from './guards';
import { Layout } from './layout';
import { PublicHelpLayout } from './public-help-layout';
import { isChunkError, mayReloadForNewBuild, reloadForNewBuild } from './stale-build';

/** A page of its own chunk whose loader can start its code (lib/preloadable.tsx). */
const preloadablePage = (load: () => Promise<{ default: ComponentType }>) =>
  preloadable(() => load().then((m) => m.default));

// Every page is its own chunk: the first load carries only the shell.
const SetupPage = preloadablePage(() => import('../features/auth/setup-page'));
const SignInPage = preloadablePage(() => import('../features/auth/sign-in-page'));
const SignUpPage = preloadablePage(() => import('../features/auth/sign-up-page'));
const ResetPasswordPage = preloadablePage(() => import('../features/auth/reset-password-page'));
const ConfirmEmailPage = preloadablePage(() => import('../features/auth/confirm-email-page'));
const ForgotPasswordPage = preloadablePage(() => import('../features/auth/forgot-password-page'));
const ProfilePage = preloadablePage(() => import('../features/auth/profile-page'));
const NotificationsPage = preloadablePage(() => import('../features/notifications/notifications-page'));
const TwoFactorSetupPage = preloadablePage(() => import('../features/auth/two-factor-setup-page'));
const MyTicketsPage = preloadablePage(() => import('../features/tickets/my-tickets-page'));
const NewTicketPage = preloadablePage(() => import('../features/tickets/new-ticket-page'));
const TicketPage = preloadablePage(() => import('../features/tickets/ticket-page'));
const HelpHomePage = preloadablePage(() => import('../features/help/help-home-page'));
const HelpSearchPage = preloadablePage(() => import('../features/help/help-search-page'));
const HelpCategoryPage = preloadablePage(() => import('../features/help/help-category-page'));
const HelpArticlePage = preloadablePage(() => import('../features/help/help-article-page'));
const RatePage = preloadablePage(() => import('../features/satisfaction/rate-page'));

/** A route's loader that starts its page's code at once, beside the sign-in checks. */
const startCode = (Page: { preload: () => Promise<unknown> }) => () => {
  Page.preload().catch(() => undefined);
  return null;
};

const QueuePage = preloadablePage(() => import('../features/tickets/queue-page'));

/** A queue opened by its address reads its first page while its code loads (issue 22). */
function prefetchQueueRoute({ request }: LoaderFunctionArgs) {
  QueuePage.preload().catch(() => undefined);
  const params = new URL(request.url).searchParams;
  void import('../features/tickets/api/prefetch-queue').then((m) => m.prefetchQueue(queryClient, params));
  return null;
}

/** Pages of the signed-in frame that need a permission (or to be staff). */
const guardedPages: {
  path: string;
  permission: Permission | 'staff';
  Page: ReturnType<typeof preloadablePage>;
  /** What the route starts beside the sign-in checks; by default its page's code. */
  loader?: (args: LoaderFunctionArgs) => null;
}[] = [
  { path: paths.queue, permission: 'staff', Page: QueuePage, loader: prefetchQueueRoute },
  {
    path: paths.dashboard,
    permission: 'reports.view',
    Page: preloadablePage(() => import('../features/dashboard/dashboard-page')),
  },
  {
    path: paths.customers,
    permission: 'users.view',
    Page: preloadablePage(() => import('../features/customers/customers-page')),
  },
  {
    path: paths.customer(':id'),
    permission: 'users.view',
    Page: preloadablePage(() => import('../features/customers/customer-page')),
  },
  {
    path: paths.admin.organisations,
    permission: 'organisations.manage',
    Page: preloadablePage(() => import('../features/customers/organisations-page')),
  },
  {
    path: paths.admin.users,
    permission: 'users.manage',
    Page: preloadablePage(() => import('../features/admin/users-page')),
  },
  {
    path: paths.admin.roles,
    permission: 'roles.manage',
    Page: preloadablePage(() => import('../features/admin/roles-page')),
  },
  {
    path: paths.admin.departments,
    permission: 'departments.manage',
    Page: preloadablePage(() => import('../features/admin/departments-page')),
  },
  {
    path: paths.admin.statuses,
    permission: 'statuses.manage',
    Page: preloadablePage(() => import('../features/admin/statuses-page')),
  },
  {
    path: paths.admin.settings,
    permission: 'settings.manage',
    Page: preloadablePage(() => import('../features/admin/settings-page')),
  },
  {
    path: paths.admin.mailDelivery,
    permission: 'settings.manage',
    Page: preloadablePage(() => import('../features/admin/mail-delivery-page')),
  },
  {
    path: paths.admin.webhooks,
    permission: 'settings.manage',
    Page: preloadablePage(() => import('../features/admin/webhooks-page')),
  },
  {
    path: paths.admin.audit,
    permission: 'audit.view',
    Page: preloadablePage(() => import('../features/admin/audit-page')),
  },
  {
    path: paths.admin.helpCategories,
    permission: 'kb.publish',
    Page: preloadablePage(() => import('../features/help/help-categories-page')),
  },
  {
    path: paths.admin.tags,
    permission: 'tags.manage',
    Page: preloadablePage(() => import('../features/tags/tags-admin-page')),
  },
  {
    path: paths.admin.cannedResponses,
    permission: 'canned.manage',
    Page: preloadablePage(() =>
      import('../features/canned-responses/canned-responses-page').then((m) => ({ default: m.SharedCannedPage })),
    ),
  },
  {
    path: paths.myCannedResponses,
    permission: 'staff',
    Page: preloadablePage(() =>
      import('../features/canned-responses/canned-responses-page').then((m) => ({ default: m.MyCannedPage })),
    ),
  },
  {
    path: paths.admin.customFields,
    permission: 'fields.manage',
    Page: preloadablePage(() => import('../features/custom-fields/custom-fields-page')),
  },
  {
    path: paths.admin.serviceLevels,
    permission: 'settings.manage',
    Page: preloadablePage(() => import('../features/sla/sla-admin-page')),
  },
  {
    path: paths.help.newArticle,
    permission: 'kb.write',
    Page: preloadablePage(() => import('../features/help/help-editor-page')),
  },
  {
    path: paths.help.edit(':id'),
    permission: 'kb.write',
    Page: preloadablePage(() => import('../features/help/help-editor-page')),
  },
];

/**
 * A ticket URL starts reading the ticket and loading its page's code at once, beside the
 * sign-in checks rather than after them (issue 22). It waits for neither: the page shows
 * its own loading and errors, and a signed-out visitor's 401 changes nothing.
 */
function prefetchTicketRoute({ params }: LoaderFunctionArgs) {
  const id = params.id;
  const prefetch = import('../features/tickets/api/prefetch-ticket');
  if (id) void prefetch.then((m) => m.prefetchTicket(queryClient, id));
  // The parts show after the ticket: on a cold cache their ~45 files would share the browser's
  // six connections with the page's code and the reads' code, so they are asked for after them.
  void Promise.allSettled([TicketPage.preload(), prefetch]).then(preloadTicketPageParts);
  return null;
}

function NotFound() {
  const { t } = useTranslation();
  return <Empty title={t('states.notFound')}>{t('states.notFoundBody')}</Empty>;
}

/**
 * Any page's failure to load or render (the route's error boundary). A page whose code is gone
 * after an update reloads the tab once, at the address it was going to; anything else is logged
 * for whoever looks and shown with a reload button.
 */
function RouteError() {
  const error = useRouteError();
  const [reloading] = useState(() => isChunkError(error) && mayReloadForNewBuild());
  useEffect(() => {
    if (reloading) reloadForNewBuild();
    else console.error(error);
  }, [error, reloading]);
  return reloading ? <Loading /> : <PageFailed />;
}

/** What every page sits in: the feature slots and the lazy pages' fallback. */
function Root() {
  return (
    <AppFeatureSlots>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </AppFeatureSlots>
  );
}

/**
 * A data router (createBrowserRouter), so that pages can block a navigation that would lose
 * unsent text (useBlocker, issue 17). Made once, on first render: the routes never change.
 */
let router: ReturnType<typeof createBrowserRouter> | undefined;
function appRouter() {
  router ??= createBrowserRouter(
    createRoutesFromElements(
      <Route element={<Root />} errorElement={<RouteError />}>
        <Route path={paths.setup} loader={startCode(SetupPage)} element={<SetupPage />} />
        <Route
          path={paths.signIn()}
          loader={startCode(SignInPage)}
          element={
            <RequireGuest>
              <SignInPage />
            </RequireGuest>
          }
        />
        <Route
          path={paths.signUp}
          loader={startCode(SignUpPage)}
          element={
            <RequireGuest>
              <SignUpPage />
            </RequireGuest>
          }
        />
        <Route path={paths.resetPassword} loader={startCode(ResetPasswordPage)} element={<ResetPasswordPage />} />
        {/* Signed in or not: the link may be opened on any device (its token is the credential). */}
        <Route path={paths.confirmEmail} loader={startCode(ConfirmEmailPage)} element={<ConfirmEmailPage />} />
        <Route
          path={paths.forgotPassword}
          loader={startCode(ForgotPasswordPage)}
          element={
            <RequireGuest>
              <ForgotPasswordPage />
            </RequireGuest>
          }
        />
        {/* A rating link works without signing in (its token is the credential). */}
        <Route path={paths.rate} loader={startCode(RatePage)} element={<RatePage />} />
        <Route
          path={paths.twoFactorSetup()}
          loader={startCode(TwoFactorSetupPage)}
          element={
            <RequireAuth enrolling>
              <TwoFactorSetupPage />
            </RequireAuth>
          }
        />
        {/* The help centre: readable without signing in when the admin allows it. */}
        <Route element={<HelpFrame signedIn={<Layout />} visitor={<PublicHelpLayout />} />}>
          <Route errorElement={<RouteError />}>
            <Route path={paths.help.home} loader={startCode(HelpHomePage)} element={<HelpHomePage />} />
            <Route path={paths.help.search()} loader={startCode(HelpSearchPage)} element={<HelpSearchPage />} />
            <Route
              path={paths.help.category(':id')}
              loader={startCode(HelpCategoryPage)}
              element={<HelpCategoryPage />}
            />
            <Route
              path={paths.help.article(':ref')}
              loader={startCode(HelpArticlePage)}
              element={<HelpArticlePage />}
            />
          </Route>
        </Route>
        <Route
          element={
            <RequireAuth>
              <Layout />
            </RequireAuth>
          }
        >
          {/* A page that fails keeps the header and navigation around its error. */}
          <Route errorElement={<RouteError />}>
            <Route path={paths.home} element={<HomeRedirect />} />
            <Route path={paths.profile} loader={startCode(ProfilePage)} element={<ProfilePage />} />
            <Route path={paths.notifications} loader={startCode(NotificationsPage)} element={<NotificationsPage />} />
            <Route path={paths.myTickets} loader={startCode(MyTicketsPage)} element={<MyTicketsPage />} />
            <Route path={paths.newTicket} loader={startCode(NewTicketPage)} element={<NewTicketPage />} />
            {/* The link builder with `:id` is the route's pattern. */}
            <Route path={paths.ticket(':id')} loader={prefetchTicketRoute} element={<TicketPage />} />
            {guardedPages.map(({ path, permission, Page, loader }) => (
              <Route
                key={path}
                path={path}
                loader={loader ?? startCode(Page)}
                element={
                  <RequirePermission permission={permission}>
                    <Page />
                  </RequirePermission>
                }
              />
            ))}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Route>
      </Route>,
    ),
  );
  return router;
}

export function AppRouter() {
  return <RouterProvider router={appRouter()} />;
}
