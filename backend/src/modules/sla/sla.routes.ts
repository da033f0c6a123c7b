import {
  createSlaCalendarBodySchema,
  createSlaPolicyBodySchema,
  idParamsSchema,
  slaCalendarListResponseSchema,
  slaCalendarResponseSchema,
  slaDeletedResponseSchema,
  slaPolicyListResponseSchema,
  slaPolicyResponseSchema,
  slaReportQuerySchema,
  slaReportResponseSchema,
  ticketRefParamsSchema,
  ticketSlaResponseSchema,
  updateSlaCalendarBodySchema,
  updateSlaPolicyBodySchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createSlaService } from './sla.service.js';

const tags = ['service levels'];

/** Service levels (docs/sla.md): thin handlers over sla.service. */
export async function slaRoutes(app: FastifyInstance, deps: AppDeps) {
  const service = createSlaService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ok = <T>(data: T) => ({ success: true as const, data });

  r.get(
    '/api/sla/calendars',
    { schema: { tags, summary: 'Business-hours calendars (staff)', response: { 200: slaCalendarListResponseSchema } } },
    async (req) => ok(await service.listCalendars(requestActor(req))),
  );
  r.post(
    '/api/sla/calendars',
    {
      schema: {
        tags,
        summary: 'Create a calendar (settings.manage)',
        body: createSlaCalendarBodySchema,
        response: { 201: slaCalendarResponseSchema },
      },
    },
    async (req, reply) => reply.code(201).send(ok(await service.createCalendar(requestActor(req), req.body))),
  );
  r.patch(
    '/api/sla/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Change a calendar (settings.manage)',
        params: idParamsSchema,
        body: updateSlaCalendarBodySchema,
        response: { 200: slaCalendarResponseSchema },
      },
    },
    async (req) => ok(await service.updateCalendar(requestActor(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/sla/calendars/:id',
    {
      schema: {
        tags,
        summary: 'Delete a calendar (settings.manage)',
        params: idParamsSchema,
        response: { 200: slaDeletedResponseSchema },
      },
    },
    async (req) => ok(await service.deleteCalendar(requestActor(req), req.params.id)),
  );

  r.get(
    '/api/sla/policies',
    { schema: { tags, summary: 'SLA policies (staff)', response: { 200: slaPolicyListResponseSchema } } },
    async (req) => ok(await service.listPolicies(requestActor(req))),
  );
  r.post(
    '/api/sla/policies',
    {
      schema: {
        tags,
        summary: 'Create a policy (settings.manage); it applies to tickets created from now on',
        body: createSlaPolicyBodySchema,
        response: { 201: slaPolicyResponseSchema },
      },
    },
    async (req, reply) => reply.code(201).send(ok(await service.createPolicy(requestActor(req), req.body))),
  );
  r.patch(
    '/api/sla/policies/:id',
    {
      schema: {
        tags,
        summary: 'Change a policy (settings.manage); open tickets keep their targets until `helpdesk sla:recompute`',
        params: idParamsSchema,
        body: updateSlaPolicyBodySchema,
        response: { 200: slaPolicyResponseSchema },
      },
    },
    async (req) => ok(await service.updatePolicy(requestActor(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/sla/policies/:id',
    {
      schema: {
        tags,
        summary: 'Delete a policy (settings.manage)',
        params: idParamsSchema,
        response: { 200: slaDeletedResponseSchema },
      },
    },
    async (req) => ok(await service.deletePolicy(requestActor(req), req.params.id)),
  );

  r.get(
    '/api/tickets/:id/sla',
    {
      schema: {
        tags,
        summary: "A ticket's policy, targets and their states (staff); null without a service level",
        params: ticketRefParamsSchema,
        response: { 200: ticketSlaResponseSchema },
      },
    },
    async (req) => ok(await service.ticketSla(requestActor(req), req.params.id)),
  );
  r.get(
    '/api/sla/report',
    {
      schema: {
        tags,
        summary: 'SLA compliance over 7 or 30 days by department and priority, and breaches today (staff)',
        querystring: slaReportQuerySchema,
        response: { 200: slaReportResponseSchema },
      },
    },
    async (req) => ok(await service.report(requestActor(req), req.query.days)),
  );
}
