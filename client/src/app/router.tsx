import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Empty, Loading } from '../components/ui/states';
import { HomeRedirect, RequireAuth, RequireGuest, RequirePermission } from './guards';
import { Layout } from './layout';

// Every page is its own chunk: the first load carries only the shell.
const SetupPage = lazy(() => import('../features/auth/setup-page'));
const SignInPage = lazy(() => import('../features/auth/sign-in-page'));
const SignUpPage = lazy(() => import('../features/auth/sign-up-page'));
const ResetPasswordPage = lazy(() => import('../features/auth/reset-password-page'));
const ProfilePage = lazy(() => import('../features/auth/profile-page'));
const TwoFactorSetupPage = lazy(() => import('../features/auth/two-factor-setup-page'));
const MyTicketsPage = lazy(() => import('../features/tickets/my-tickets-page'));
const NewTicketPage = lazy(() => import('../features/tickets/new-ticket-page'));
const TicketPage = lazy(() => import('../features/tickets/ticket-page'));
const QueuePage = lazy(() => import('../features/tickets/queue-page'));
const DashboardPage = lazy(() => import('../features/dashboard/dashboard-page'));
const UsersPage = lazy(() => import('../features/admin/users-page'));
const RolesPage = lazy(() => import('../features/admin/roles-page'));
const DepartmentsPage = lazy(() => import('../features/admin/departments-page'));
const StatusesPage = lazy(() => import('../features/admin/statuses-page'));
const SettingsPage = lazy(() => import('../features/admin/settings-page'));
const AuditPage = lazy(() => import('../features/admin/audit-page'));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/setup" element={<SetupPage />} />
          <Route
            path="/sign-in"
            element={
              <RequireGuest>
                <SignInPage />
              </RequireGuest>
            }
          />
          <Route
            path="/sign-up"
            element={
              <RequireGuest>
                <SignUpPage />
              </RequireGuest>
            }
          />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route
            path="/two-factor-setup"
            element={
              <RequireAuth enrolling>
                <TwoFactorSetupPage />
              </RequireAuth>
            }
          />
          <Route
            element={
              <RequireAuth>
                <Layout />
              </RequireAuth>
            }
          >
            <Route index element={<HomeRedirect />} />
            <Route path="profile" element={<ProfilePage />} />
            <Route path="tickets" element={<MyTicketsPage />} />
            <Route path="tickets/new" element={<NewTicketPage />} />
            <Route path="tickets/:id" element={<TicketPage />} />
            <Route
              path="queue"
              element={
                <RequirePermission permission="staff">
                  <QueuePage />
                </RequirePermission>
              }
            />
            <Route
              path="dashboard"
              element={
                <RequirePermission permission="reports.view">
                  <DashboardPage />
                </RequirePermission>
              }
            />
            <Route path="admin">
              <Route
                path="users"
                element={
                  <RequirePermission permission="users.manage">
                    <UsersPage />
                  </RequirePermission>
                }
              />
              <Route
                path="roles"
                element={
                  <RequirePermission permission="roles.manage">
                    <RolesPage />
                  </RequirePermission>
                }
              />
              <Route
                path="departments"
                element={
                  <RequirePermission permission="departments.manage">
                    <DepartmentsPage />
                  </RequirePermission>
                }
              />
              <Route
                path="statuses"
                element={
                  <RequirePermission permission="statuses.manage">
                    <StatusesPage />
                  </RequirePermission>
                }
              />
              <Route
                path="settings"
                element={
                  <RequirePermission permission="settings.manage">
                    <SettingsPage />
                  </RequirePermission>
                }
              />
              <Route
                path="audit"
                element={
                  <RequirePermission permission="audit.view">
                    <AuditPage />
                  </RequirePermission>
                }
              />
            </Route>
            <Route path="*" element={<Empty title="Page not found">Check the address, or use the menu.</Empty>} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
