import {
  createOrganisationBodySchema,
  customerDetailResponseSchema,
  customerNoteResponseSchema,
  customerPageResponseSchema,
  idParamsSchema,
  listCustomersQuerySchema,
  organisationDetailResponseSchema,
  organisationListResponseSchema,
  organisationMemberParamsSchema,
  organisationOkResponseSchema,
  putCustomerNoteBodySchema,
  updateOrganisationBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createOrganisationService } from './organisations.service.js';

/** Customers (staff only) and organisations: thin handlers over organisations.service. */
export async function organisationRoutes(app: FastifyInstance, deps: AppDeps) {
  const orgs = createOrganisationService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Customers by name, with their organisation; q matches name or e-mail (users.view)',
        querystring: listCustomersQuerySchema,
        response: { 200: customerPageResponseSchema },
      },
    },
    async (req) => {
      const { items, nextCursor } = await req.heavyRead((db) => orgs.listCustomers(requestActor(req), req.query, db));
      return { success: true as const, data: items, meta: { nextCursor } };
    },
  );

  r.get(
    '/api/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary:
          'A customer with the staff note, their tickets and their organisation’s (those the caller may see; users.view)',
        params: idParamsSchema,
        response: { 200: customerDetailResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await orgs.getCustomer(requestActor(req), req.params.id) }),
  );

  r.put(
    '/api/customers/:id/note',
    {
      schema: {
        tags: ['customers'],
        summary: 'Replace the private staff note about a customer (customers.manage)',
        params: idParamsSchema,
        body: putCustomerNoteBodySchema,
        response: { 200: customerNoteResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await orgs.putNote(requestActor(req), req.params.id, req.body.body),
    }),
  );

  const tags = ['organisations'];

  r.get(
    '/api/organisations',
    {
      schema: {
        tags,
        summary: 'Organisations by name (users.view or organisations.manage)',
        response: { 200: organisationListResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await orgs.list(requestActor(req)) }),
  );

  r.post(
    '/api/organisations',
    {
      schema: {
        tags,
        summary: 'Create an organisation (organisations.manage)',
        body: createOrganisationBodySchema,
        response: { 201: organisationDetailResponseSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ success: true as const, data: await orgs.create(requestActor(req), req.body) }),
  );

  r.get(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        summary: 'An organisation with its members (users.view or organisations.manage)',
        params: idParamsSchema,
        response: { 200: organisationDetailResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await orgs.get(requestActor(req), req.params.id) }),
  );

  r.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Rename an organisation, set its domains or its ticket sharing (organisations.manage)',
        params: idParamsSchema,
        body: updateOrganisationBodySchema,
        response: { 200: organisationDetailResponseSchema },
      },
    },
    async (req) => ({ success: true as const, data: await orgs.update(requestActor(req), req.params.id, req.body) }),
  );

  r.delete(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Delete an organisation; its members stay, without one (organisations.manage)',
        params: idParamsSchema,
        response: { 200: organisationOkResponseSchema },
      },
    },
    async (req) => {
      await orgs.remove(requestActor(req), req.params.id);
      return { success: true as const, data: { ok: true as const } };
    },
  );

  r.put(
    '/api/organisations/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Put a customer into the organisation, out of any other (organisations.manage)',
        params: organisationMemberParamsSchema,
        response: { 200: organisationDetailResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await orgs.setMember(requestActor(req), req.params.id, req.params.userId, true),
    }),
  );

  r.delete(
    '/api/organisations/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Take a customer out of the organisation (organisations.manage)',
        params: organisationMemberParamsSchema,
        response: { 200: organisationDetailResponseSchema },
      },
    },
    async (req) => ({
      success: true as const,
      data: await orgs.setMember(requestActor(req), req.params.id, req.params.userId, false),
    }),
  );
}
