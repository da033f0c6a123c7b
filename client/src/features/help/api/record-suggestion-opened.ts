import { z } from 'zod';
import { api } from '../../../lib/api-client';

/** `POST /api/help/articles/:id/suggestion-opened`: counts towards the article's deflection figures. */
export const recordSuggestionOpened = (id: string) =>
  api.post(`/api/help/articles/${id}/suggestion-opened`, z.object({ ok: z.literal(true) }));
