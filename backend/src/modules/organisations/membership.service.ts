import type { DbOrTx } from '../../db/client.js';
import { findOrganisationByDomain, setMembership } from './organisations.repository.js';

/**
 * A new customer joins the organisation whose e-mail domains include theirs (the oldest, if
 * several list it). Called by users.insertUserRecord inside its transaction, so it covers sign-up,
 * admin creation and the CLI. Its own small service: organisations.service depends on tickets,
 * which depends on users (docs/decisions/007-module-rules.md, as users/user-lookup.service.ts).
 */
export async function joinOrganisationByDomain(
  tx: DbOrTx,
  user: { id: string; email: string; roleName: string },
): Promise<void> {
  if (user.roleName !== 'CUSTOMER') return;
  const domain = user.email.split('@').at(-1)?.toLowerCase();
  if (!domain) return;
  const organisationId = await findOrganisationByDomain(tx, domain);
  if (organisationId) await setMembership(tx, user.id, organisationId);
}
