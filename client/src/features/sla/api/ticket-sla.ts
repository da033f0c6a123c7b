import { slaReportSchema, ticketSlaSchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { slaKeys } from './keys';

/** `GET /api/tickets/:id/sla` (staff): null when no service level applies. */
export const getTicketSla = (id: string) => api.get(`/api/tickets/${id}/sla`, ticketSlaSchema.nullable());
export const useTicketSla = (id: string, changed: string) =>
  useQuery({ queryKey: [...slaKeys.ticket(id), changed], queryFn: () => getTicketSla(id), refetchInterval: 60_000 });

/** `GET /api/sla/report?days=7|30` (staff). */
export const getSlaReport = (days: number) => api.get(`/api/sla/report?days=${days}`, slaReportSchema);
export const useSlaReport = (days: number) =>
  useQuery({ queryKey: slaKeys.report(days), queryFn: () => getSlaReport(days) });
