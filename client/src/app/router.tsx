import type { Permission } from '@helpdesk/contract';
import { type ComponentType, lazy, Suspense, useEffect, useState } from 'react';
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
import { queryClient } from '../lib/query-client';
import { AppFeatureSlots, preloadTicketPageParts } from './feature-slots';
import { HelpFrame, HomeRedirect, RequireAuth, RequireGuest, RequirePermission } from './guards';
import { Layout } from './layout';
import { PublicHelpLayout } from './public-help-layout';
import { isChunkError, mayReloadForNewBuild, reloadForNewBuild } from './stale-build';

// Every page is its own chunk: the first load carries only the shell.
const SetupPage = lazy(() => import('../features/auth/setup-page'));
const SignInPage = lazy(() => import('../features/auth/sign-in-page'));
const SignUpPage = lazy(() => import('../features/auth/sign-up-page'));
const ResetPasswordPage = lazy(() => import('../features/auth/reset-password-page'));
const ConfirmEmailPage = lazy(() => import('../features/auth/confirm-email-page'));
const ForgotPasswordPage = lazy(() => import('../features/auth/forgot-password-page'));
const ProfilePage = lazy(() => import('../features/auth/profile-page'));
const NotificationsPage = lazy(() => import('../features/notifications/notifications-page'));
const TwoFactorSetupPage = lazy(() => import('../features/auth/two-factor-setup-page'));
const MyTicketsPage = lazy(() => import('../features/tickets/my-tickets-page'));
const NewTicketPage = lazy(() => import('../features/tickets/new-ticket-page'));
const TicketPage = lazy(() => import('../features/tickets/ticket-page'));
const HelpHomePage = lazy(() => import('../features/help/help-home-page'));
const HelpSearchPage = lazy(() => import('../features/help/help-search-page'));
const HelpCategoryPage = lazy(() => import('../features/help/help-category-page'));
const HelpArticlePage = lazy(() => import('../features/help/help-article-page'));
const RatePage = lazy(() => import('../features/satisfaction/rate-page'));

/** Pages of the signed-in frame that need a permission (or to be staff). */
const guardedPages: { path: string; permission: Permission | 'staff'; Page: ComponentType }[] = [
  { path: paths.queue, permission: 'staff', Page: lazy(() => import('../features/tickets/queue-page')) },
  {
    path: paths.dashboard,
    permission: 'reports.view',
    Page: lazy(() => import('../features/dashboard/dashboard-page')),
  },
  {
    path: paths.customers,
    permission: 'users.view',
    Page: lazy(() => import('../features/customers/customers-page')),
  },
  {
    path: paths.customer(':id'),
    permission: 'users.view',
    Page: lazy(() => import('../features/customers/customer-page')),
  },
  {
    path: paths.admin.organisations,
    permission: 'organisations.manage',
    Page: lazy(() => import('../features/customers/organisations-page')),
  },
  { path: paths.admin.users, permission: 'users.manage', Page: lazy(() => import('../features/admin/users-page')) },
  { path: paths.admin.roles, permission: 'roles.manage', Page: lazy(() => import('../features/admin/roles-page')) },
  {
    path: paths.admin.departments,
    permission: 'departments.manage',
    Page: lazy(() => import('../features/admin/departments-page')),
  },
  {
    path: paths.admin.statuses,
    permission: 'statuses.manage',
    Page: lazy(() => import('../features/admin/statuses-page')),
  },
  {
    path: paths.admin.settings,
    permission: 'settings.manage',
    Page: lazy(() => import('../features/admin/settings-page')),
  },
  {
    path: paths.admin.mailDelivery,
    permission: 'settings.manage',
    Page: lazy(() => import('../features/admin/mail-delivery-page')),
  },
  {
    path: paths.admin.webhooks,
    permission: 'settings.manage',
    Page: lazy(() => import('../features/admin/webhooks-page')),
  },
  { path: paths.admin.audit, permission: 'audit.view', Page: lazy(() => import('../features/admin/audit-page')) },
  {
    path: paths.admin.helpCategories,
    permission: 'kb.publish',
    Page: lazy(() => import('../features/help/help-categories-page')),
  },
  { path: paths.admin.tags, permission: 'tags.manage', Page: lazy(() => import('../features/tags/tags-admin-page')) },
  {
    path: paths.admin.cannedResponses,
    permission: 'canned.manage',
    Page: lazy(() =>
      import('../features/canned-responses/canned-responses-page').then((m) => ({ default: m.SharedCannedPage })),
    ),
  },
  {
    path: paths.myCannedResponses,
    permission: 'staff',
    Page: lazy(() =>
      import('../features/canned-responses/canned-responses-page').then((m) => ({ default: m.MyCannedPage })),
    ),
  },
  {
    path: paths.admin.customFields,
    permission: 'fields.manage',
    Page: lazy(() => import('../features/custom-fields/custom-fields-page')),
  },
  {
    path: paths.admin.serviceLevels,
    permission: 'settings.manage',
    Page: lazy(() => import('../features/sla/sla-admin-page')),
  },
  {
    path: paths.help.newArticle,
    permission: 'kb.write',
    Page: lazy(() => import('../features/help/help-editor-page')),
  },
  {
    path: paths.help.edit(':id'),
    permission: 'kb.write',
    Page: lazy(() => import('../features/help/help-editor-page')),
  },
];

/**
 * A ticket URL starts reading the ticket and loading its page's code at once, beside the
 * sign-in checks rather than after them (issue 22). It waits for neither: the page shows
 * its own loading and errors, and a signed-out visitor's 401 changes nothing.
 */
function prefetchTicketRoute({ params }: LoaderFunctionArgs) {
  const id = params.id;
  if (id) void import('../features/tickets/api/prefetch-ticket').then((m) => m.prefetchTicket(queryClient, id));
  preloadTicketPageParts();
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
        <Route path={paths.setup} element={<SetupPage />} />
        <Route
          path={paths.signIn()}
          element={
            <RequireGuest>
              <SignInPage />
            </RequireGuest>
          }
        />
        <Route
          path={paths.signUp}
          element={
            <RequireGuest>
              <SignUpPage />
            </RequireGuest>
          }
        />
        <Route path={paths.resetPassword} element={<ResetPasswordPage />} />
        {/* Signed in or not: the link may be opened on any device (its token is the credential). */}
        <Route path={paths.confirmEmail} element={<ConfirmEmailPage />} />
        <Route
          path={paths.forgotPassword}
          element={
            <RequireGuest>
              <ForgotPasswordPage />
            </RequireGuest>
          }
        />
        {/* A rating link works without signing in (its token is the credential). */}
        <Route path={paths.rate} element={<RatePage />} />
        <Route
          path={paths.twoFactorSetup()}
          element={
            <RequireAuth enrolling>
              <TwoFactorSetupPage />
            </RequireAuth>
          }
        />
        {/* The help centre: readable without signing in when the admin allows it. */}
        <Route element={<HelpFrame signedIn={<Layout />} visitor={<PublicHelpLayout />} />}>
          <Route errorElement={<RouteError />}>
            <Route path={paths.help.home} element={<HelpHomePage />} />
            <Route path={paths.help.search()} element={<HelpSearchPage />} />
            <Route path={paths.help.category(':id')} element={<HelpCategoryPage />} />
            <Route path={paths.help.article(':ref')} element={<HelpArticlePage />} />
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
            <Route path={paths.profile} element={<ProfilePage />} />
            <Route path={paths.notifications} element={<NotificationsPage />} />
            <Route path={paths.myTickets} element={<MyTicketsPage />} />
            <Route path={paths.newTicket} element={<NewTicketPage />} />
            {/* The link builder with `:id` is the route's pattern. */}
            <Route path={paths.ticket(':id')} loader={prefetchTicketRoute} element={<TicketPage />} />
            {guardedPages.map(({ path, permission, Page }) => (
              <Route
                key={path}
                path={path}
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
