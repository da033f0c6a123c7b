import type { Permission } from '@helpdesk/contract';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { Empty, ErrorState, Loading } from '../components/ui/states';
import { paths, safeNext } from '../config/paths';
import { useMe } from '../lib/api/get-me';
import { usePublicSettings } from '../lib/api/get-public-settings';
import { useTwoFactorStatus } from '../lib/api/get-two-factor-status';
import { can, isStaff } from '../lib/permissions';

/**
 * Signed-in users only; others go to sign in and come back here afterwards. A user whom the
 * staff requirement holds back goes to the two-factor set-up first (except on that page).
 */
export function RequireAuth({ children, enrolling = false }: { children: ReactNode; enrolling?: boolean }) {
  const me = useMe();
  const settings = usePublicSettings();
  // Asked beside `me` rather than after it (issue 22: one round trip less before the page); a
  // signed-out caller's 401 is dropped with `me` null, and asked again once someone signs in.
  const twoFactor = useTwoFactorStatus(me.data !== null && !enrolling);
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) {
    if (settings.data?.setupNeeded) return <Navigate to={paths.setup} replace />;
    return <Navigate to={paths.signIn(location.pathname + location.search)} replace />;
  }
  if (!enrolling) {
    if (twoFactor.isPending || (!twoFactor.data && twoFactor.isFetching)) return <Loading />;
    if (twoFactor.data?.enrolmentRequired) {
      return <Navigate to={paths.twoFactorSetup(location.pathname + location.search)} replace />;
    }
  }
  return <>{children}</>;
}

/** Pages for signed-out visitors: a signed-in user goes on (to `?next=` after signing in, else home). */
export function RequireGuest({ children }: { children: ReactNode }) {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <>{children}</>;
}

export function RequirePermission({ permission, children }: { permission: Permission | 'staff'; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  const ok = permission === 'staff' ? isStaff(me.data) : can(me.data, permission);
  if (!ok) return <Empty title={t('states.notAvailable')}>{t('states.notAvailableBody')}</Empty>;
  return <>{children}</>;
}

export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return <Loading />;
  if (isStaff(me.data)) return <Navigate to={paths.queue} replace />;
  return <Navigate to={paths.myTickets} replace />;
}

/**
 * The help centre's frame: signed-in users get the usual layout (`signedIn`); visitors get the
 * public frame (`visitor`) while the `publicHelpCentre` setting is on, else the sign-in page.
 */
export function HelpFrame({ signedIn, visitor }: { signedIn: ReactNode; visitor: ReactNode }) {
  const me = useMe();
  const settings = usePublicSettings();
  if (me.isPending || settings.isPending) return <Loading />;
  if (!me.data && settings.data?.publicHelpCentre) return <>{visitor}</>;
  return <RequireAuth>{signedIn}</RequireAuth>;
}
