import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';
import type { Department, Priority, Status, User } from './types';

/** Reference lists every page needs; cached for a minute and shared. */
export const refKeys = {
  departments: ['ref', 'departments'] as const,
  statuses: ['ref', 'statuses'] as const,
  priorities: ['ref', 'priorities'] as const,
  agents: ['ref', 'agents'] as const,
};

export function useDepartments() {
  return useQuery({
    queryKey: refKeys.departments,
    queryFn: ({ signal }) => api.get<Department[]>('/api/departments', undefined, signal),
    staleTime: 60_000,
  });
}
export function useStatuses() {
  return useQuery({
    queryKey: refKeys.statuses,
    queryFn: async ({ signal }) =>
      (await api.get<Status[]>('/api/statuses', undefined, signal)).sort((a, b) => a.sortOrder - b.sortOrder),
    staleTime: 60_000,
  });
}
export function usePriorities() {
  return useQuery({
    queryKey: refKeys.priorities,
    queryFn: async ({ signal }) =>
      (await api.get<Priority[]>('/api/priorities', undefined, signal)).sort((a, b) => a.level - b.level),
    staleTime: 60_000,
  });
}
/** Active agents and admins (for assignee pickers); needs `users.view`. */
export function useAgents(enabled = true) {
  return useQuery({
    queryKey: refKeys.agents,
    enabled,
    queryFn: async ({ signal }) => {
      // By role, so that thousands of customers never crowd the staff out of one page.
      const lists = await Promise.all(
        ['AGENT', 'ADMIN', 'SUPER_ADMIN'].map((role) =>
          api.get<User[]>('/api/users', { role, active: true, limit: 100 }, signal),
        ),
      );
      return lists
        .flat()
        .filter((u) => u.isActive)
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 60_000,
  });
}
