import type { User } from '@helpdesk/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { paths } from '../config/paths';
import { meKey, useMe } from './api/get-me';
import { publicSettingsKey } from './api/get-public-settings';
import { twoFactorKey } from './api/get-two-factor-status';
import { logout } from './api/logout';

/** The signed-in user, or null (also while the first answer is on its way). */
export function useUser(): User | null {
  return useMe().data ?? null;
}

/** After sign-in/sign-up/setup: store the user and drop everything cached for the last one. */
export function useSetUser() {
  const qc = useQueryClient();
  return (user: User | null) => {
    // The account's own queries stay (the user is replaced below), and so do the public settings.
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== publicSettingsKey[0] });
    qc.removeQueries({ queryKey: twoFactorKey });
    qc.setQueryData(meKey, user);
  };
}

/** Ends the session, forgets everything cached, and goes to the sign-in page. */
export function useSignOut() {
  const qc = useQueryClient();
  const setUser = useSetUser();
  const navigate = useNavigate();
  return async () => {
    await logout().catch(() => undefined);
    qc.clear();
    setUser(null);
    navigate(paths.signIn());
  };
}
