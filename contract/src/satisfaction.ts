import { z } from 'zod';
import { successSchema } from './common.js';

/** A customer's answer to "How did we do?". */
export const satisfactionValues = ['good', 'bad'] as const;
export type SatisfactionValue = (typeof satisfactionValues)[number];

/** Days a given rating can still be changed by its customer (docs/satisfaction-ratings.md). */
export const RATING_CHANGE_DAYS = 7;

/** One resolution of a ticket and its rating (null until the customer answers). */
export const satisfactionRatingSchema = z.object({
  id: z.uuid(),
  /** When the ticket was resolved and the customer asked. */
  requestedAt: z.string(),
  rating: z.enum(satisfactionValues).nullable(),
  comment: z.string().nullable(),
  ratedAt: z.string().nullable(),
  /** Until when the customer may still change the rating; null while unrated. */
  changeableUntil: z.string().nullable(),
  /** The request of the ticket's latest resolution; older ones are kept for the figures. */
  isCurrent: z.boolean(),
});
export type SatisfactionRating = z.infer<typeof satisfactionRatingSchema>;

/** `GET /api/tickets/:id/satisfaction`: the ticket's ratings, newest first. */
export const ticketSatisfactionSchema = z.object({
  ratings: z.array(satisfactionRatingSchema),
  /** The caller (the ticket's customer) may rate, or change the rating of, the latest resolution now. */
  canRate: z.boolean(),
});
export type TicketSatisfaction = z.infer<typeof ticketSatisfactionSchema>;
export const ticketSatisfactionResponseSchema = successSchema(ticketSatisfactionSchema);

/** `PUT /api/tickets/:id/satisfaction`. */
export const rateBodySchema = z.strictObject({
  rating: z.enum(satisfactionValues),
  /** Optional; up to 2000 characters, shown to staff as plain text. */
  comment: z.string().trim().max(2000).optional(),
});
export type RateBody = z.infer<typeof rateBodySchema>;

/** A rating link's token (base64url of 32 random bytes); sent in the body so it stays out of URLs and logs. */
const ratingToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'A rating link token' });

/** `POST /api/satisfaction/link`: reads what a rating link is for, without using it. */
export const ratingLinkBodySchema = z.strictObject({ token: ratingToken });
export type RatingLinkBody = z.infer<typeof ratingLinkBodySchema>;

/** `POST /api/satisfaction/rate`: rates through a link; the link is then used up. */
export const rateByLinkBodySchema = rateBodySchema.extend({ token: ratingToken });
export type RateByLinkBody = z.infer<typeof rateByLinkBodySchema>;

/** What the public rating page shows: only the ticket's number, never its text. */
export const ratingLinkSchema = z.object({
  ticketNumber: z.number().int(),
  rating: z.enum(satisfactionValues).nullable(),
  comment: z.string().nullable(),
});
export type RatingLink = z.infer<typeof ratingLinkSchema>;
export const ratingLinkResponseSchema = successSchema(ratingLinkSchema);

/** `POST /api/tickets/:id/satisfaction/link`: a new single-use link; the previous one stops working. */
export const ratingLinkIssuedSchema = z.object({
  /** Path of the public rating page, `/rate?token=…`. */
  path: z.string(),
  expiresAt: z.string(),
});
export type RatingLinkIssued = z.infer<typeof ratingLinkIssuedSchema>;
export const ratingLinkIssuedResponseSchema = successSchema(ratingLinkIssuedSchema);

const csatFigure = z.object({
  good: z.number().int(),
  bad: z.number().int(),
  /** good ÷ (good + bad) in per cent, one decimal; null without ratings. */
  percent: z.number().nullable(),
});
export type CsatFigure = z.infer<typeof csatFigure>;
const csatWindows = z.object({ last7Days: csatFigure, last30Days: csatFigure });

/** `GET /api/satisfaction/summary`: CSAT over the departments the caller may see (reports.view). */
export const satisfactionSummarySchema = z.object({
  overall: csatWindows,
  byDepartment: z.array(
    z.object({ department: z.object({ id: z.uuid(), name: z.string() }) }).extend(csatWindows.shape),
  ),
  /** By the assignee at resolution; unassigned resolutions have `agent: null`. */
  byAgent: z.array(
    z.object({ agent: z.object({ id: z.uuid(), name: z.string() }).nullable() }).extend(csatWindows.shape),
  ),
  /** The latest ratings with a comment (last 30 days), newest first. */
  latestComments: z.array(
    z.object({
      ticketId: z.uuid(),
      ticketNumber: z.number().int(),
      rating: z.enum(satisfactionValues),
      comment: z.string(),
      ratedAt: z.string(),
    }),
  ),
});
export type SatisfactionSummary = z.infer<typeof satisfactionSummarySchema>;
export const satisfactionSummaryResponseSchema = successSchema(satisfactionSummarySchema);
