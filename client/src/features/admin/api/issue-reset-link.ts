import { resetLinkSchema } from '@helpdesk/contract';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** `POST /api/users/:id/reset-link`: a one-time link for the admin to pass on. */
export const issueResetLink = (userId: string) => api.post(`/api/users/${userId}/reset-link`, resetLinkSchema);

export const useIssueResetLink = () => useMutation({ mutationFn: issueResetLink });
