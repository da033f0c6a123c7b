import { kbArticleSchema } from '@helpdesk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { helpKeys } from './keys';

/** `POST /api/help/articles/:id/vote`: "was this helpful?"; voting again changes the vote. */
export const vote = ({ id, helpful }: { id: string; helpful: boolean }) =>
  api.post(`/api/help/articles/${id}/vote`, kbArticleSchema, { helpful });

export function useVote(ref: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: vote, onSuccess: (article) => qc.setQueryData(helpKeys.article(ref), article) });
}
