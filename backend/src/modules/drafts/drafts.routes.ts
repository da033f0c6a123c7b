import {
  collabOkResponseSchema,
  draftBodySchema,
  draftResponseSchema,
  ticketDraftParamsSchema,
} from '@helpdesk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.js';
import { requestActor } from '../auth/actor.js';
import { createDraftService } from './drafts.service.js';

const tags = ['drafts'];
const ok = { success: true as const, data: { ok: true as const } };
const answer = <T>(data: T) => ({ success: true as const, data });

/** Drafts of replies, notes and new tickets (issue 17): thin handlers over drafts.service. */
export async function draftRoutes(app: FastifyInstance, deps: AppDeps) {
  const drafts = createDraftService(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = ticketDraftParamsSchema;

  r.get(
    '/api/tickets/:id/drafts/:kind',
    {
      schema: {
        tags,
        summary: 'My draft of a reply or note on the ticket (null when none)',
        params,
        response: { 200: draftResponseSchema },
      },
    },
    async (req) => answer(await drafts.getForTicket(requestActor(req), req.params.id, req.params.kind)),
  );

  r.put(
    '/api/tickets/:id/drafts/:kind',
    {
      config: { unseenByHeavyReads: true },
      schema: {
        tags,
        summary: 'Save my draft of a reply or note (same rules as sending it)',
        params,
        body: draftBodySchema,
        response: { 200: draftResponseSchema },
      },
    },
    async (req) => answer(await drafts.saveForTicket(requestActor(req), req.params.id, req.params.kind, req.body)),
  );

  r.delete(
    '/api/tickets/:id/drafts/:kind',
    {
      config: { unseenByHeavyReads: true },
      schema: {
        tags,
        summary: 'Remove my draft (after sending)',
        params,
        response: { 200: collabOkResponseSchema },
      },
    },
    async (req) => {
      await drafts.removeForTicket(requestActor(req), req.params.id, req.params.kind);
      return ok;
    },
  );

  r.get(
    '/api/drafts/new-ticket',
    { schema: { tags, summary: 'My draft of a new ticket', response: { 200: draftResponseSchema } } },
    async (req) => answer(await drafts.getNewTicket(requestActor(req))),
  );

  r.put(
    '/api/drafts/new-ticket',
    {
      config: { unseenByHeavyReads: true },
      schema: {
        tags,
        summary: 'Save my draft of a new ticket',
        body: draftBodySchema,
        response: { 200: draftResponseSchema },
      },
    },
    async (req) => answer(await drafts.saveNewTicket(requestActor(req), req.body)),
  );

  r.delete(
    '/api/drafts/new-ticket',
    {
      config: { unseenByHeavyReads: true },
      schema: {
        tags,
        summary: 'Remove my draft of a new ticket',
        response: { 200: collabOkResponseSchema },
      },
    },
    async (req) => {
      await drafts.removeNewTicket(requestActor(req));
      return ok;
    },
  );
}
