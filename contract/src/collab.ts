import { z } from 'zod';
import { okSchema } from './auth.js';
import { successSchema } from './common.js';
import { ticketRefParamsSchema } from './tickets.js';

/** The answer of a heartbeat, a leave and a removed draft. */
export const collabOkResponseSchema = successSchema(okSchema);

/** What a staff member on a ticket page is doing (issue 17, docs/working-together.md). */
export const presenceStates = ['viewing', 'typing-reply', 'typing-note'] as const;
export type PresenceState = (typeof presenceStates)[number];

/** Seconds a heartbeat keeps someone present; the page sends one every few seconds. */
export const PRESENCE_TTL_SECONDS = 30;

/** `PUT /api/tickets/:id/presence`: a heartbeat. */
export const presenceBodySchema = z.strictObject({ state: z.enum(presenceStates) });
export type PresenceBody = z.infer<typeof presenceBodySchema>;

/** `GET /api/tickets/:id/presence`: the other staff on the ticket now, and its newest public message. */
export const ticketPresenceSchema = z.object({
  others: z.array(
    z.object({
      user: z.object({ id: z.uuid(), name: z.string() }),
      state: z.enum(presenceStates),
    }),
  ),
  /** For the "someone replied" check before sending; null while the ticket has no public message. */
  lastPublicMessage: z
    .object({
      id: z.uuid(),
      author: z.object({ id: z.uuid(), name: z.string() }),
      createdAt: z.string(),
    })
    .nullable(),
});
export type TicketPresence = z.infer<typeof ticketPresenceSchema>;
export const ticketPresenceResponseSchema = successSchema(ticketPresenceSchema);

/** The kinds of draft bound to a ticket. */
export const ticketDraftKinds = ['reply', 'note'] as const;
export type TicketDraftKind = (typeof ticketDraftKinds)[number];

/** The longest draft text: a message's limit. */
export const DRAFT_MAX_CHARS = 50_000;

export const ticketDraftParamsSchema = ticketRefParamsSchema.extend({ kind: z.enum(ticketDraftKinds) });

/** `PUT /api/tickets/:id/drafts/:kind` and `/api/drafts/new-ticket`: the text as it is now (may be empty). */
export const draftBodySchema = z.strictObject({
  /** Up to 50,000 characters, kept as typed. */
  body: z.string().max(DRAFT_MAX_CHARS),
  /** A new ticket's subject (up to 200 characters); ignored on a ticket's drafts. */
  subject: z.string().max(200).optional(),
});
export type DraftBody = z.infer<typeof draftBodySchema>;

/** A saved draft; `null` data when there is none. */
export const draftSchema = z.object({
  body: z.string(),
  subject: z.string().nullable(),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;
export const draftResponseSchema = successSchema(draftSchema.nullable());

/** `GET /api/tickets/:id/mentionable?q=`: staff who may read the ticket's internal notes (issue 17). */
export const mentionableQuerySchema = z.strictObject({
  /** Part of the name or e-mail; empty lists the first ones by name. */
  q: z.string().trim().max(100).default(''),
});
export const mentionableSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** What to type after `@` so that the note notifies them. */
  handle: z.string(),
});
export type Mentionable = z.infer<typeof mentionableSchema>;
export const mentionableResponseSchema = successSchema(z.array(mentionableSchema));

/** `GET /api/tickets/:id/followers` (and the answer of following or unfollowing): staff told of new customer messages. */
export const ticketFollowersSchema = z.object({
  followers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Whether the caller follows the ticket. */
  following: z.boolean(),
});
export type TicketFollowers = z.infer<typeof ticketFollowersSchema>;
export const ticketFollowersResponseSchema = successSchema(ticketFollowersSchema);
