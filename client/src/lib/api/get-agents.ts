import { pageSchema, userSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { requestPage } from '../api-client';
import { referenceQueryOptions } from './reference-query';

const staffRoles = ['AGENT', 'ADMIN', 'SUPER_ADMIN'];
const userPage = pageSchema(userSchema);

/** Active agents and admins by name, for assignee pickers (`GET /api/users` by role; needs `users.view`). */
export async function getAgents(signal?: AbortSignal) {
  // By role, so that thousands of customers never crowd the staff out of one page.
  const pages = await Promise.all(
    staffRoles.map((role) =>
      requestPage('/api/users', userPage, { query: { role, active: true, limit: 100 }, signal }),
    ),
  );
  return pages
    .flatMap((p) => p.items)
    .filter((u) => u.isActive)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const agentsQueryOptions = referenceQueryOptions('agents', getAgents);

export const useAgents = (enabled = true) => useQuery({ ...agentsQueryOptions, enabled });
