import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, request, upload } from '../../lib/api-client';
import type { AllowedActions, Attachment, HistoryEvent, Ticket, TicketDetail, TicketListItem } from '../../lib/types';

export interface TicketFilters {
  status?: string;
  departmentId?: string;
  priorityId?: string;
  assignee?: string;
  q?: string;
  sort?: string;
  order?: string;
}

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (f: TicketFilters) => ['tickets', 'list', f] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  history: (id: string) => ['tickets', 'history', id] as const,
  attachments: (id: string) => ['tickets', 'attachments', id] as const,
};

export function useTicketList(filters: TicketFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const res = await request<TicketListItem[]>('GET', '/api/tickets', {
        query: { ...filters, limit, cursor: pageParam },
        signal,
      });
      return { items: res.data, nextCursor: res.meta?.nextCursor ?? null };
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The queue stays fresh while someone looks at it.
    refetchInterval: 30_000,
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => api.get<TicketDetail>(`/api/tickets/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** The ticket's files (each with `messageId` when it came with a message). */
export function useTicketAttachments(id: string) {
  return useQuery({
    queryKey: ticketKeys.attachments(id),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Attachment[]>(`/api/tickets/${encodeURIComponent(id)}/attachments`, undefined, signal);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return [];
        throw err;
      }
    },
  });
}

export function useTicketHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ticketKeys.history(id),
    enabled,
    queryFn: ({ signal }) => api.get<HistoryEvent[]>(`/api/tickets/${id}/history`, undefined, signal),
  });
}

export interface NewTicket {
  subject: string;
  description: string;
  departmentId: string;
  priorityId?: string;
  /** Staff filing for a customer; omitted: the caller. */
  customerId?: string;
}

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewTicket; idempotencyKey: string }) =>
      api.post<Ticket | { ticket: Ticket }>('/api/tickets', body, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

/** Uploads files to a ticket (on their own, not with a message), with progress 0..1. */
export function uploadAttachments(ticketId: string, files: File[], onProgress: (f: number) => void) {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  return upload(`/api/tickets/${ticketId}/attachments`, form, onProgress);
}

export type TicketPatch = Partial<Record<'statusId' | 'priorityId' | 'departmentId' | 'subject', string>> & {
  assignedToId?: string | null;
};

export function useUpdateTicket(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketPatch & { version: number }) => api.patch<TicketDetail>(`/api/tickets/${id}`, body),
    onSuccess: (detail) => {
      if (detail && typeof detail === 'object' && 'ticket' in detail) qc.setQueryData(ticketKeys.detail(id), detail);
      return qc.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}

export function useAssignToMe(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>(`/api/tickets/${id}/assign-to-me`),
    onSettled: () => qc.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

export function usePostMessage(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      body: string;
      isInternal: boolean;
      files: File[];
      onProgress?: (f: number) => void;
    }) => {
      if (input.files.length === 0) {
        return api.post<unknown>(`/api/tickets/${id}/messages`, { body: input.body, isInternal: input.isInternal });
      }
      const form = new FormData();
      form.append('body', input.body);
      form.append('isInternal', String(input.isInternal));
      for (const f of input.files) form.append('files', f, f.name);
      try {
        return await upload<unknown>(`/api/tickets/${id}/messages`, form, input.onProgress);
      } catch (err) {
        // A server whose message route takes JSON only refuses the form as a whole (415 for the
        // content type, or 400 for the missing JSON body) and changes nothing. Then send the text,
        // and the files to the ticket on their own; never for internal notes, whose files must
        // stay attached to the note (or a customer would see them).
        const formRefused =
          err instanceof ApiError &&
          ((err.status === 415 && err.message === 'Unsupported content type') ||
            (err.status === 400 && (err.code === 'VALIDATION_ERROR' || err.code === 'INVALID_JSON')));
        if (!formRefused) throw err;
        if (input.isInternal) {
          throw new ApiError(422, 'RULE_VIOLATION', 'This server cannot attach files to internal notes yet.');
        }
        const message = await api.post<unknown>(`/api/tickets/${id}/messages`, {
          body: input.body,
          isInternal: input.isInternal,
        });
        await uploadAttachments(id, input.files, input.onProgress ?? (() => undefined));
        return message;
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

export interface BulkResult {
  ticketId: string;
  ok?: boolean;
  success?: boolean;
  error?: { code: string; message: string } | null;
}

export function useBulkUpdate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ticketIds: string[]; changes: TicketPatch }) =>
      api.post<{ results: BulkResult[] } | BulkResult[]>('/api/tickets/bulk', body),
    onSettled: () => qc.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

/** `allowedActions` may come as a list or a map; either way: may the caller do `action`? */
export function allows(actions: AllowedActions | undefined, action: string): boolean | undefined {
  if (!actions) return undefined;
  if (Array.isArray(actions)) return (actions as readonly string[]).includes(action);
  return (actions as Record<string, boolean>)[action];
}
