import { z } from 'zod';
import { pageSchema, successSchema } from './common.js';
import { ticketListItemSchema } from './tickets.js';

/** An organisation as a reference: id and name. */
export const organisationRefSchema = z.object({ id: z.uuid(), name: z.string() });
export type OrganisationRef = z.infer<typeof organisationRefSchema>;

/** A customer in the staff list: never a password, role or note. */
export const customerSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  isActive: z.boolean(),
  /** When they joined (ISO 8601). */
  createdAt: z.string(),
  organisation: organisationRefSchema.nullable(),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/** The private staff note about a customer; customers never see it. */
export const customerNoteSchema = z.object({
  /** Plain text: render it as text, never as HTML. */
  body: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type CustomerNote = z.infer<typeof customerNoteSchema>;

/** `GET /api/customers/:id`: the panel beside a ticket and the customer page. */
export const customerDetailSchema = z.object({
  customer: customerSummarySchema,
  note: customerNoteSchema,
  /** Whether the caller may change the note (customers.manage). */
  canEditNote: z.boolean(),
  /** Their tickets the caller may see: open ones first (newest first), then closed ones; at most 50 each. */
  tickets: z.array(ticketListItemSchema),
  /** Other members' tickets the caller may see, open first; at most 20. Empty without an organisation. */
  organisationTickets: z.array(ticketListItemSchema),
});
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

/** `GET /api/customers`: `q` matches name or e-mail; sorted by name. */
export const listCustomersQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  organisationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuerySchema>;

/** `PUT /api/customers/:id/note`: the whole note; an empty body clears it. */
export const putCustomerNoteBodySchema = z.strictObject({
  /** Up to 10,000 characters. */
  body: z.string().max(10_000),
});
export type PutCustomerNoteBody = z.infer<typeof putCustomerNoteBodySchema>;

/** An e-mail domain such as `example.com`, stored lower-case. */
const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, 'A domain such as example.com');

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  domains: z.array(z.string()),
  /** Members list, read and reply to each other's tickets (never internal notes). */
  membersSeeTickets: z.boolean(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationDetailSchema = organisationSchema.extend({
  /** Up to 500 members, by name. */
  members: z.array(customerSummarySchema.omit({ organisation: true })),
});
export type OrganisationDetail = z.infer<typeof organisationDetailSchema>;

export const createOrganisationBodySchema = z.strictObject({
  /** 1–200 characters, unique without regard to case. */
  name: z.string().trim().min(1).max(200),
  domains: z.array(domainSchema).max(50).default([]),
  membersSeeTickets: z.boolean().default(false),
});
export type CreateOrganisationBody = z.input<typeof createOrganisationBodySchema>;

export const updateOrganisationBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    domains: z.array(domainSchema).max(50),
    membersSeeTickets: z.boolean(),
  })
  .partial();
export type UpdateOrganisationBody = z.infer<typeof updateOrganisationBodySchema>;

export const organisationMemberParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });

export const customerPageResponseSchema = pageSchema(customerSummarySchema);
export const customerDetailResponseSchema = successSchema(customerDetailSchema);
export const customerNoteResponseSchema = successSchema(customerNoteSchema);
export const organisationListResponseSchema = successSchema(z.array(organisationSchema));
export const organisationDetailResponseSchema = successSchema(organisationDetailSchema);
export const organisationOkResponseSchema = successSchema(z.object({ ok: z.literal(true) }));
