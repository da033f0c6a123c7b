import {
  type CannedActions,
  type CannedFile,
  type CannedResponse,
  type CreateCannedResponseBody,
  type ListCannedResponsesQuery,
  MAX_CANNED_FILES,
  type RenderedCannedResponse,
  type TicketCannedResponsesQuery,
  type UpdateCannedResponseBody,
} from '@helpdesk/contract';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { AppError, forbidden, notFound, ruleViolation, validationError } from '../../lib/app-error.js';
import { iso, isoOrNull } from '../../lib/timestamps.js';
import { attachmentService, type FileToSend } from '../attachments/attachments.service.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { cachedDepartments, findDepartment } from '../departments/departments.service.js';
import { findPriority, findStatus, referenceData } from '../statuses/statuses.service.js';
import { findTagsNamed } from '../tags/tag-lookup.service.js';
import { canCreateTags, canTagTickets } from '../tags/tags.policy.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { canSeeUser } from '../users/users.policy.js';
import { findUserById } from '../users/users.service.js';
import {
  type CannedAccess,
  canEditCanned,
  canManageShared,
  canSeeCanned,
  canUseCanned,
  offeredOnTicket,
} from './canned-responses.policy.js';
import * as repo from './canned-responses.repository.js';
import { fillPlaceholders, unknownPlaceholders } from './placeholders.js';

const cannedNotFound = () => notFound('Canned response');

const presentFile = (f: repo.CannedFileRow): CannedFile => ({
  id: f.id,
  fileName: f.fileName,
  mimeType: f.mimeType,
  sizeBytes: f.sizeBytes,
});

/** Stored files of canned responses, for the uploads check (modules/attachments/attachments.sweep.ts). */
export const cannedFileStorageRows = (db: DbOrTx) => repo.fileStorageRows(db);

const access = (row: repo.CannedRow): CannedAccess => ({
  scope: row.scope === 'personal' ? 'personal' : 'shared',
  ownerId: row.ownerId,
  departmentId: row.departmentId,
});

/** 422 naming each placeholder the helpdesk does not know: never saved, so never sent raw. */
function checkPlaceholders(body: string | undefined) {
  const unknown = body === undefined ? [] : unknownPlaceholders(body);
  if (unknown.length === 0) return;
  throw new AppError(
    'CANNED_UNKNOWN_PLACEHOLDER',
    422,
    `Unknown placeholder${unknown.length > 1 ? 's' : ''}: ${unknown.map((n) => `{{${n}}}`).join(', ')}`,
    unknown.map((n) => ({ path: 'body.body', message: `Unknown placeholder {{${n}}}` })),
  );
}

/** The existing tags among `names`: lower-case name → the tag's spelling. */
const storedTagNames = async (db: DbOrTx, names: string[]) =>
  new Map((await findTagsNamed(db, names)).map((t) => [t.name.toLowerCase(), t.name]));

/** Existing tags keep their stored spelling; a name no tag has yet only for savers with tags.create. */
async function checkTags(database: Database, actor: Actor, actions: CannedActions) {
  if (!actions.addTags?.length) return;
  if (!canTagTickets(actor))
    throw ruleViolation('You may not tag tickets', [
      { path: 'body.actions.addTags', message: 'You may not tag tickets' },
    ]);
  // The same name twice, ignoring case, once: the first spelling.
  const seen = new Set<string>();
  actions.addTags = actions.addTags.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
  const stored = await storedTagNames(database.db, actions.addTags);
  const unknown = actions.addTags.filter((n) => !stored.has(n.toLowerCase()));
  if (unknown.length > 0 && !canCreateTags(actor))
    throw ruleViolation(
      `No such tag: ${unknown.join(', ')}`,
      unknown.map((n) => ({ path: 'body.actions.addTags', message: `No such tag: ${n}` })),
    );
  actions.addTags = actions.addTags.map((n) => stored.get(n.toLowerCase()) ?? n);
}

async function checkActions(database: Database, actor: Actor, actions: CannedActions | undefined) {
  if (!actions) return;
  await checkTags(database, actor, actions);
  const refs = await referenceData(database);
  if (actions.setStatusId && !findStatus(refs, actions.setStatusId))
    throw ruleViolation('No such status', [{ path: 'body.actions.setStatusId', message: 'No such status' }]);
  if (actions.setPriorityId && !findPriority(refs, actions.setPriorityId))
    throw ruleViolation('No such priority', [{ path: 'body.actions.setPriorityId', message: 'No such priority' }]);
}

async function checkDepartment(database: Database, scope: string, departmentId: string | null | undefined) {
  if (!departmentId) return;
  if (scope === 'personal')
    throw ruleViolation('Personal responses are not for a department', [
      { path: 'body.departmentId', message: 'Only shared responses are for a department' },
    ]);
  if (!(await findDepartment(database.db, departmentId)))
    throw ruleViolation('No such department', [{ path: 'body.departmentId', message: 'No such department' }]);
}

/** Canned responses: shared and personal ones, offered and filled in for a ticket. */
export function createCannedResponseService(deps: AppDeps) {
  const { database } = deps;
  const { db } = database;
  const tickets = createTicketService(deps);
  const attachments = attachmentService(deps);

  async function present(rows: repo.CannedRow[]): Promise<CannedResponse[]> {
    const departments = rows.some((r) => r.departmentId) ? await cachedDepartments(database) : [];
    const files = await repo.listFiles(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const dept = r.departmentId ? departments.find((d) => d.id === r.departmentId) : undefined;
      return {
        id: r.id,
        title: r.title,
        body: r.body,
        scope: access(r).scope,
        department: dept ? { id: dept.id, name: dept.name } : null,
        actions: r.actions,
        files: files.filter((f) => f.responseId === r.id).map(presentFile),
        usageCount: r.usageCount,
        lastUsedAt: isoOrNull(r.lastUsedAt),
        createdAt: iso(r.createdAt),
        updatedAt: iso(r.updatedAt),
      };
    });
  }

  const presentOne = async (row: repo.CannedRow) => (await present([row]))[0] as CannedResponse;

  /** The response if the actor may see it: 404 like a missing one otherwise. */
  async function visible(actor: Actor, id: string): Promise<repo.CannedRow> {
    const row = await repo.findCanned(db, id);
    if (!row || !canSeeCanned(actor, access(row))) throw cannedNotFound();
    return row;
  }

  async function editable(actor: Actor, id: string): Promise<repo.CannedRow> {
    const row = await visible(actor, id);
    if (!canEditCanned(actor, access(row))) throw forbidden();
    return row;
  }

  /** The response's tags as the caller may add them now: a deleted tag is left out unless they may create it. */
  async function tagsToAdd(actor: Actor, names: string[]): Promise<string[]> {
    if (names.length === 0 || !canTagTickets(actor)) return [];
    const stored = await storedTagNames(db, names);
    return names.flatMap((n) => stored.get(n.toLowerCase()) ?? (canCreateTags(actor) ? [n] : []));
  }

  return {
    /** `GET /api/canned-responses`: shared ones need canned.manage; personal ones are the caller's. */
    async list(actor: Actor, query: ListCannedResponsesQuery): Promise<CannedResponse[]> {
      if (query.scope === 'shared') {
        requireAllowed(actor, canManageShared);
        return present(await repo.listByScope(db, { q: query.q }));
      }
      requireAllowed(actor, canUseCanned);
      return present(await repo.listByScope(db, { ownerId: actor.id, q: query.q }));
    },

    async get(actor: Actor, id: string): Promise<CannedResponse> {
      return presentOne(await visible(actor, id));
    },

    async create(actor: Actor, body: CreateCannedResponseBody): Promise<CannedResponse> {
      const scope = body.scope;
      requireAllowed(actor, scope === 'shared' ? canManageShared : canUseCanned);
      checkPlaceholders(body.body);
      await checkDepartment(database, scope, body.departmentId);
      await checkActions(database, actor, body.actions);
      const row = await repo.insertCanned(db, {
        title: body.title,
        body: body.body,
        scope,
        departmentId: body.departmentId ?? null,
        ownerId: scope === 'personal' ? actor.id : null,
        actions: body.actions ?? {},
        createdById: actor.id,
      });
      return presentOne(row);
    },

    async update(actor: Actor, id: string, body: UpdateCannedResponseBody): Promise<CannedResponse> {
      const current = await editable(actor, id);
      checkPlaceholders(body.body);
      await checkDepartment(database, current.scope, body.departmentId);
      await checkActions(database, actor, body.actions);
      const row = await repo.updateCanned(db, id, body);
      if (!row) throw cannedNotFound();
      return presentOne(row);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await editable(actor, id);
      const keys = await db.transaction(async (tx) => {
        const rows = await repo.fileStorageRows(tx, id);
        if (!(await repo.deleteCanned(tx, id))) throw cannedNotFound();
        return rows.map((r) => r.storageKey);
      });
      // Only once the rows are gone for good: a rolled-back delete keeps its files.
      await attachments.removeFiles(keys);
    },

    /** `POST /api/canned-responses/:id/files` (multipart): files sent with the response. */
    async addFiles(actor: Actor, id: string, req: FastifyRequest): Promise<CannedFile[]> {
      await editable(actor, id);
      const upload = await attachments.receive(req);
      try {
        if (upload.files.length === 0)
          throw validationError('Attach at least one file', [{ path: 'files', message: 'Required' }]);
        if ((await repo.countFiles(db, id)) + upload.files.length > MAX_CANNED_FILES)
          throw ruleViolation(`A response has at most ${MAX_CANNED_FILES} files`, [
            { path: 'files', message: `At most ${MAX_CANNED_FILES} files` },
          ]);
        const rows = await repo.insertFiles(
          db,
          upload.files.map((f) => ({ ...f, responseId: id, uploadedById: actor.id })),
        );
        return rows.map(presentFile);
      } catch (err) {
        await upload.discard();
        throw err;
      }
    },

    async removeFile(actor: Actor, id: string, fileId: string): Promise<void> {
      await editable(actor, id);
      const file = await repo.findFile(db, id, fileId);
      if (!file) throw notFound('File');
      await repo.deleteFile(db, fileId);
      await attachments.removeFiles([file.storageKey]);
    },

    /** A file of a response the caller may see, to send. */
    async openFile(actor: Actor, id: string, fileId: string): Promise<FileToSend & { row: repo.CannedFileRow }> {
      await visible(actor, id);
      const row = await repo.findFile(db, id, fileId);
      if (!row) throw notFound('File');
      return { row, store: attachments.store };
    },

    /** `GET /api/tickets/:id/canned-responses`: what the caller may use on this ticket, most used first. */
    async forTicket(actor: Actor, ticketRef: string, query: TicketCannedResponsesQuery): Promise<CannedResponse[]> {
      requireAllowed(actor, canUseCanned);
      const { ticket } = await tickets.get(actor, ticketRef);
      return present(
        await repo.listOffered(db, {
          ownerId: actor.id,
          departmentId: ticket.department.id,
          q: query.q,
          limit: query.limit,
        }),
      );
    },

    /** Fills a response in for a ticket the caller sees, and counts the use. */
    async render(actor: Actor, ticketRef: string, responseId: string): Promise<RenderedCannedResponse> {
      requireAllowed(actor, canUseCanned);
      const { ticket } = await tickets.get(actor, ticketRef);
      const row = await repo.findCanned(db, responseId);
      if (!row || !offeredOnTicket(actor, access(row), ticket.department.id)) throw cannedNotFound();
      // The e-mail address only for callers who may see the customer's account (users.view).
      const customer = canSeeUser(actor, ticket.customer) ? await findUserById(db, ticket.customer.id) : undefined;
      const body = fillPlaceholders(row.body, {
        'customer.name': ticket.customer.name,
        'customer.email': customer?.email ?? '',
        'ticket.number': String(ticket.number),
        'ticket.subject': ticket.subject,
        'agent.name': actor.name,
        'department.name': ticket.department.name,
      });
      const refs = await referenceData(database);
      const status = row.actions.setStatusId ? findStatus(refs, row.actions.setStatusId) : undefined;
      const priority = row.actions.setPriorityId ? findPriority(refs, row.actions.setPriorityId) : undefined;
      await repo.countUse(db, row.id);
      const addTags = await tagsToAdd(actor, row.actions.addTags ?? []);
      const files = await repo.listFiles(db, [row.id]);
      return {
        id: row.id,
        title: row.title,
        body,
        actions: {
          setStatus: status ? { id: status.id, name: status.name } : null,
          setPriority: priority ? { id: priority.id, name: priority.name } : null,
          addTags,
        },
        files: files.map(presentFile),
        ticketVersion: ticket.version,
      };
    },
  };
}
