import {
  type CreateSlaCalendarBody,
  slaCalendarSchema,
  slaDeletedResponseSchema,
  type UpdateSlaCalendarBody,
} from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { useRefreshingMutation } from '../../../lib/refreshing-mutation';
import { slaKeys, slaWrites } from './keys';

/** `GET /api/sla/calendars` (staff). */
export const getCalendars = () => api.get('/api/sla/calendars', z.array(slaCalendarSchema));
export const useCalendars = () => useQuery({ queryKey: slaKeys.calendars, queryFn: getCalendars });

/** `POST /api/sla/calendars` or `PATCH /api/sla/calendars/:id` (settings.manage). */
export const saveCalendar = ({ id, body }: { id?: string; body: CreateSlaCalendarBody | UpdateSlaCalendarBody }) =>
  id
    ? api.patch(`/api/sla/calendars/${id}`, slaCalendarSchema, body)
    : api.post('/api/sla/calendars', slaCalendarSchema, body);
export const useSaveCalendar = () => useRefreshingMutation(saveCalendar, slaWrites);

/** `DELETE /api/sla/calendars/:id` (settings.manage). */
export const deleteCalendar = (id: string) =>
  api.delete(`/api/sla/calendars/${id}`, slaDeletedResponseSchema.shape.data);
export const useDeleteCalendar = () => useRefreshingMutation(deleteCalendar, slaWrites);
