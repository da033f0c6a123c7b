import { type ForgotPasswordBody, okSchema } from '@helpdesk/contract';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** `POST /api/auth/forgot-password`: a reset link by e-mail (the same answer for any address). */
export const forgotPassword = (body: ForgotPasswordBody) => api.post('/api/auth/forgot-password', okSchema, body);

export const useForgotPassword = () => useMutation({ mutationFn: forgotPassword });
