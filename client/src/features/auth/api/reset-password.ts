import { okSchema, type ResetPasswordBody } from '@helpdesk/contract';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** `POST /api/auth/reset-password`: a new password with the token of an admin-issued link. */
export const resetPassword = (body: ResetPasswordBody) => api.post('/api/auth/reset-password', okSchema, body);

export const useResetPassword = () => useMutation({ mutationFn: resetPassword });
