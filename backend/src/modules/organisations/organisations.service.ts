import type {
  CreateOrganisationBody,
  CustomerDetail,
  CustomerNote,
  CustomerSummary,
  ListCustomersQuery,
  Organisation,
  OrganisationDetail,
  TicketListItem,
  UpdateOrganisationBody,
} from '@helpdesk/contract';
import { createOrganisationBodySchema, listTicketsQuerySchema } from '@helpdesk/contract';
import type { AppDeps } from '../../app-deps.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { cursorKey, decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import { createTicketService } from '../tickets/tickets.service.js';
import { canEditCustomerNote, canManageOrganisations, canViewCustomers } from './organisations.policy.js';
import {
  presentCustomer,
  presentNote,
  presentOrganisation,
  presentOrganisationDetail,
} from './organisations.presenter.js';
import * as repo from './organisations.repository.js';

/** How many tickets of each kind the customer panel and page show. */
const OWN_TICKETS_EACH = 50;
const ORGANISATION_TICKETS = 20;
/** Members an organisation's page lists (the customers list pages through all of them). */
const MEMBERS_SHOWN = 500;

const nameTaken = () => new AppError('ORGANISATION_NAME_TAKEN', 409, 'Another organisation has this name');
const notACustomer = () => new AppError('NOT_A_CUSTOMER', 422, 'This user is staff, not a customer');
const canReadOrganisations = (actor: Actor) => canViewCustomers(actor) || canManageOrganisations(actor);

/**
 * Customers beside their tickets and organisations (docs/customers.md): the staff list and page of
 * customers with their private note, and organisations with their members and sharing setting.
 */
export function createOrganisationService(deps: AppDeps) {
  const { db } = deps.database;
  const tickets = createTicketService(deps);

  /** Tickets the caller may see, open ones first (newest first within each). */
  async function openFirst(actor: Actor, filter: { customerId?: string; organisationId?: string }, each: number) {
    const page = async (status: 'open' | 'closed') =>
      (await tickets.list(actor, listTicketsQuerySchema.parse({ ...filter, status, limit: each }))).items;
    return [...(await page('open')), ...(await page('closed'))];
  }

  async function customerRow(dbx: DbOrTx, id: string): Promise<repo.CustomerRow> {
    const person = await repo.findPerson(dbx, id);
    if (!person) throw notFound('Customer');
    if (!person.isCustomer) throw notACustomer();
    return person;
  }

  async function organisationRow(dbx: DbOrTx, id: string): Promise<repo.OrganisationWithCount> {
    const row = await repo.findOrganisation(dbx, id);
    if (!row) throw notFound('Organisation');
    return row;
  }

  async function saveOrganisation(actor: Actor, action: string, write: (tx: DbOrTx) => Promise<string>) {
    try {
      const id = await db.transaction(async (tx) => {
        const id = await write(tx);
        await recordAudit(tx, actor.id, { action, entityType: 'organisation', entityId: id });
        return id;
      });
      return id;
    } catch (err) {
      if (pgErrorCode(err) === UNIQUE_VIOLATION) throw nameTaken();
      throw err;
    }
  }

  async function organisationDetail(id: string): Promise<OrganisationDetail> {
    const row = await organisationRow(db, id);
    const members = await repo.listCustomers(db, { organisationId: id, limit: MEMBERS_SHOWN });
    return presentOrganisationDetail(row, members);
  }

  return {
    /** `GET /api/customers`: one keyset page by name; `reader`: a read replica (db/replicas.ts). */
    async listCustomers(
      actor: Actor,
      query: ListCustomersQuery,
      reader: Db = db,
    ): Promise<{ items: CustomerSummary[]; nextCursor: string | null }> {
      requireAllowed(actor, canViewCustomers);
      const after = query.cursor ? decodeCursor(query.cursor, [cursorKey.text, cursorKey.uuid] as const) : undefined;
      const rows = await repo.listCustomers(reader, {
        q: query.q || undefined,
        organisationId: query.organisationId,
        limit: query.limit + 1,
        after,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(presentCustomer),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    },

    /** `GET /api/customers/:id`: the customer, the note and the tickets the caller may see. */
    async getCustomer(actor: Actor, id: string): Promise<CustomerDetail> {
      requireAllowed(actor, canViewCustomers);
      const row = await customerRow(db, id);
      let organisationTickets: TicketListItem[] = [];
      if (row.organisationId) {
        const others = await openFirst(
          actor,
          { organisationId: row.organisationId },
          ORGANISATION_TICKETS + OWN_TICKETS_EACH,
        );
        organisationTickets = others.filter((t) => t.customer.id !== id).slice(0, ORGANISATION_TICKETS);
      }
      return {
        customer: presentCustomer(row),
        note: presentNote(await repo.findNote(db, id)),
        canEditNote: canEditCustomerNote(actor),
        tickets: await openFirst(actor, { customerId: id }, OWN_TICKETS_EACH),
        organisationTickets,
      };
    },

    /** `PUT /api/customers/:id/note`. */
    async putNote(actor: Actor, id: string, body: string): Promise<CustomerNote> {
      requireAllowed(actor, canEditCustomerNote);
      await db.transaction(async (tx) => {
        await customerRow(tx, id);
        await repo.saveNote(tx, id, body, actor.id);
      });
      return presentNote(await repo.findNote(db, id));
    },

    /** `GET /api/organisations`. */
    async list(actor: Actor): Promise<Organisation[]> {
      requireAllowed(actor, canReadOrganisations);
      return (await repo.listOrganisations(db)).map(presentOrganisation);
    },

    /** `GET /api/organisations/:id`: with its members. */
    async get(actor: Actor, id: string): Promise<OrganisationDetail> {
      requireAllowed(actor, canReadOrganisations);
      return organisationDetail(id);
    },

    /** `POST /api/organisations`. */
    async create(actor: Actor, input: CreateOrganisationBody): Promise<OrganisationDetail> {
      requireAllowed(actor, canManageOrganisations);
      const body = createOrganisationBodySchema.parse(input);
      const id = await saveOrganisation(actor, 'organisation.created', (tx) =>
        repo.insertOrganisation(tx, { ...body, domains: [...new Set(body.domains)] }),
      );
      return organisationDetail(id);
    },

    /** `PATCH /api/organisations/:id`. */
    async update(actor: Actor, id: string, body: UpdateOrganisationBody): Promise<OrganisationDetail> {
      requireAllowed(actor, canManageOrganisations);
      await saveOrganisation(actor, 'organisation.updated', async (tx) => {
        const values = { ...body, ...(body.domains ? { domains: [...new Set(body.domains)] } : {}) };
        if (!(await repo.updateOrganisation(tx, id, values))) throw notFound('Organisation');
        return id;
      });
      return organisationDetail(id);
    },

    /** `DELETE /api/organisations/:id`: its members stay, without an organisation. */
    async remove(actor: Actor, id: string): Promise<void> {
      requireAllowed(actor, canManageOrganisations);
      await saveOrganisation(actor, 'organisation.deleted', async (tx) => {
        if (!(await repo.deleteOrganisation(tx, id))) throw notFound('Organisation');
        return id;
      });
    },

    /**
     * `PUT /api/organisations/:id/members/:userId` (moves the customer out of any other
     * organisation) and `DELETE` of the same (404 when they are not a member).
     */
    async setMember(actor: Actor, id: string, userId: string, member: boolean): Promise<OrganisationDetail> {
      requireAllowed(actor, canManageOrganisations);
      await db.transaction(async (tx) => {
        await organisationRow(tx, id);
        if (member) {
          await customerRow(tx, userId);
          await repo.setMembership(tx, userId, id);
        } else if (!(await repo.removeMembership(tx, userId, id))) {
          throw notFound('Member');
        }
        await recordAudit(tx, actor.id, {
          action: member ? 'organisation.member_added' : 'organisation.member_removed',
          entityType: 'organisation',
          entityId: id,
          after: { userId, member },
        });
      });
      return organisationDetail(id);
    },
  };
}
