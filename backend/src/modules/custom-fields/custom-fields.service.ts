import { randomUUID } from 'node:crypto';
import type {
  CreateCustomFieldBody,
  CustomField,
  CustomFieldType,
  CustomFieldValue,
  CustomFieldValues,
  ErrorDetail,
  TicketCustomField,
  UpdateCustomFieldBody,
} from '@helpdesk/contract';
import { createCustomFieldBodySchema, filterableFieldTypes, updateCustomFieldBodySchema } from '@helpdesk/contract';
import { type SQL, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { AppDeps } from '../../app-deps.js';
import type { Database, DbOrTx } from '../../db/client.js';
import type { CustomFieldOptionRow } from '../../db/schema/index.js';
import { AppError, forbidden, notFound, ruleViolation, validationError } from '../../lib/app-error.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../lib/pg-errors.js';
import { type Actor, requireAllowed } from '../auth/actor.js';
import * as departments from '../departments/departments.service.js';
import { amongTickets, ticketScopeSql } from '../tickets/tickets.policy.js';
import { canEditField, canManageFields, canSeeField, fieldApplies, mustFill } from './custom-fields.policy.js';
import * as repo from './custom-fields.repository.js';
import { fieldSnapshot } from './field-cache.js';

/** The definitions that are not archived, in their order, from the in-process snapshot (field-cache.ts). */
async function activeFields(database: Database, db: DbOrTx = database.db): Promise<repo.FieldRow[]> {
  return (await fieldSnapshot(database, db)).filter((f) => f.archivedAt === null);
}

const keyTaken = () => new AppError('CUSTOM_FIELD_KEY_TAKEN', 409, 'Another custom field has this key');
const invalid = (details: ErrorDetail[]) =>
  new AppError('CUSTOM_FIELD_INVALID', 422, 'Some custom field values do not fit their fields', details);

const isSelect = (type: string) => type === 'select' || type === 'multi_select';
const TEXT_MAX: Partial<Record<CustomFieldType, number>> = { text: 1000, long_text: 10_000 };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

export function presentField(row: repo.FieldRow): CustomField {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    helpText: row.helpText,
    type: row.type as CustomFieldType,
    options: row.options.map((o) => ({ id: o.id, label: o.label, retired: o.retired })),
    requiredOnCreate: row.requiredOnCreate,
    requiredToClose: row.requiredToClose,
    customerVisible: row.customerVisible,
    customerEditable: row.customerEditable,
    departmentIds: row.departmentIds,
    sortOrder: row.sortOrder,
    archived: row.archivedAt !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// Values: wire format ⇄ typed columns

const EMPTY: repo.TypedValue = {
  valueText: null,
  valueNumber: null,
  valueDate: null,
  valueBool: null,
  valueOptions: null,
};

/**
 * The typed columns for a value sent by a client, `null` for "no value" (an empty text, an
 * unticked checkbox, no options), or a message saying what is wrong. `current`: options the
 * ticket already has may stay even when retired.
 */
export function parseValue(
  field: repo.FieldRow,
  raw: CustomFieldValue,
  current: readonly string[] = [],
): repo.TypedValue | null | string {
  if (raw === null) return null;
  const type = field.type as CustomFieldType;
  const choosable = (id: string) => field.options.some((o) => o.id === id && (!o.retired || current.includes(id)));
  switch (type) {
    case 'text':
    case 'long_text': {
      if (typeof raw !== 'string') return 'Expected text';
      const text = type === 'text' ? raw.trim() : raw.replace(/\s+$/, '');
      if (text.length > (TEXT_MAX[type] ?? 0)) return `At most ${TEXT_MAX[type]} characters`;
      if (type === 'text' && /[\r\n]/.test(text)) return 'One line only';
      return text ? { ...EMPTY, valueText: text } : null;
    }
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return 'Expected a number';
      if (Math.abs(raw) >= 1e15) return 'Too large';
      return { ...EMPTY, valueNumber: String(raw) };
    case 'date':
      if (typeof raw !== 'string' || !isRealDate(raw)) return 'Expected a date (YYYY-MM-DD)';
      return { ...EMPTY, valueDate: raw };
    case 'checkbox':
      if (typeof raw !== 'boolean') return 'Expected true or false';
      return raw ? { ...EMPTY, valueBool: true } : null;
    case 'select':
      if (typeof raw !== 'string' || !choosable(raw)) return 'Not one of the options';
      return { ...EMPTY, valueOptions: [raw] };
    case 'multi_select': {
      if (!Array.isArray(raw)) return 'Expected a list of options';
      if (new Set(raw).size !== raw.length) return 'Options must be distinct';
      if (!raw.every(choosable)) return 'Not one of the options';
      // Kept in the field's option order, so equal choices compare equal.
      const chosen = field.options.filter((o) => raw.includes(o.id)).map((o) => o.id);
      return chosen.length ? { ...EMPTY, valueOptions: chosen } : null;
    }
  }
}

/** The wire value of a stored row (null when there is none). */
export function toWire(field: repo.FieldRow, row: repo.TypedValue | undefined): CustomFieldValue {
  if (!row) return null;
  switch (field.type as CustomFieldType) {
    case 'text':
    case 'long_text':
      return row.valueText;
    case 'number':
      return row.valueNumber === null ? null : Number(row.valueNumber);
    case 'date':
      return row.valueDate;
    case 'checkbox':
      return row.valueBool === true;
    case 'select':
      return row.valueOptions?.[0] ?? null;
    case 'multi_select':
      return row.valueOptions ?? [];
  }
}

/** How a value reads in ticket history: option labels, ✓ for a ticked checkbox, text cut short. */
function display(field: repo.FieldRow, value: CustomFieldValue): string | null {
  if (value === null || value === false) return null;
  if (value === true) return '✓';
  if (Array.isArray(value) || isSelect(field.type)) {
    const ids = Array.isArray(value) ? value : [String(value)];
    return ids.map((id) => field.options.find((o) => o.id === id)?.label ?? id).join(', ') || null;
  }
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

const sameValue = (a: CustomFieldValue, b: CustomFieldValue) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------------------------
// What the tickets module calls inside its own transactions

/** A ticket_history row as the tickets module writes it. */
export interface FieldHistory {
  ticketId: string;
  actorId: string;
  action: 'updated';
  field: string;
  oldValue: string | null;
  newValue: string | null;
  /** Changes of staff-only fields are hidden from customers. */
  isInternal: boolean;
}

/**
 * Sets a ticket's custom field values (by key) for the caller, inside the ticket's transaction,
 * and enforces "required on create" (`creating`) and "required to close" (`closing`) with the
 * values as they are after this write. Returns the history rows of what changed.
 * Unknown, hidden, archived or out-of-department fields and bad values: 422 CUSTOM_FIELD_INVALID;
 * a field the caller may not edit: 403; an empty required field: 422 CUSTOM_FIELD_REQUIRED.
 */
export async function applyTicketValues(
  database: Database,
  tx: DbOrTx,
  actor: Actor,
  ticket: { id: string; departmentId: string },
  values: CustomFieldValues | undefined,
  rules: { creating?: boolean; closing?: boolean } = {},
): Promise<FieldHistory[]> {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0 && !rules.creating && !rules.closing) return [];
  const fields = await activeFields(database, tx);
  const rows = rules.creating ? [] : await repo.valuesOfTicket(tx, ticket.id);
  const stored = new Map(rows.map((r) => [r.fieldId, r]));
  const after = new Map<string, CustomFieldValue>(
    fields.map((f) => [f.id, toWire(f, stored.get(f.id))] as [string, CustomFieldValue]),
  );

  const problems: ErrorDetail[] = [];
  const writes: { field: repo.FieldRow; typed: repo.TypedValue | null; value: CustomFieldValue }[] = [];
  for (const [key, raw] of entries) {
    const path = `body.customFields.${key}`;
    const field = fields.find((f) => f.key === key);
    if (!field || !canSeeField(actor, field)) {
      problems.push({ path, message: 'Unknown field' });
      continue;
    }
    if (!fieldApplies(field, ticket.departmentId)) {
      problems.push({ path, message: 'This field does not apply to the ticket’s department' });
      continue;
    }
    if (!canEditField(actor, field)) throw forbidden(`You may not change the field ${key}`);
    const typed = parseValue(field, raw, stored.get(field.id)?.valueOptions ?? []);
    if (typeof typed === 'string') {
      problems.push({ path, message: typed });
      continue;
    }
    const value = toWire(field, typed ?? undefined);
    if (sameValue(value, after.get(field.id) ?? null)) continue;
    writes.push({ field, typed, value });
    after.set(field.id, value);
  }
  if (problems.length > 0) throw invalid(problems);

  for (const rule of ['create', 'close'] as const) {
    if (rule === 'create' ? !rules.creating : !rules.closing) continue;
    const missing = fields.filter(
      (f) =>
        fieldApplies(f, ticket.departmentId) &&
        mustFill(actor, f, rule) &&
        display(f, after.get(f.id) ?? null) === null,
    );
    if (missing.length > 0) {
      throw new AppError(
        'CUSTOM_FIELD_REQUIRED',
        422,
        `Fill in ${missing.map((f) => f.label).join(', ')} ${rule === 'create' ? 'to file the ticket' : 'before closing the ticket'}`,
        missing.map((f) => ({ path: `body.customFields.${f.key}`, message: 'Required' })),
      );
    }
  }

  const history: FieldHistory[] = [];
  for (const { field, typed, value } of writes) {
    if (typed) await repo.upsertValue(tx, ticket.id, field.id, typed);
    else await repo.deleteValues(tx, ticket.id, [field.id]);
    const oldValue = rules.creating ? null : display(field, toWire(field, stored.get(field.id)));
    const newValue = display(field, value);
    if (oldValue === newValue) continue;
    history.push({
      ticketId: ticket.id,
      actorId: actor.id,
      action: 'updated',
      field: field.label,
      oldValue,
      newValue,
      isInternal: !field.customerVisible,
    });
  }
  return history;
}

/** Removes a ticket's values, in the transaction that deletes the ticket. */
export const removeTicketValues = (tx: DbOrTx, ticketId: string) => repo.deleteAllValuesOfTicket(tx, ticketId);

/** Matching values by field and filter value, counted up to rareMatches + 1, kept five minutes. */
const counts = new LRUCache<string, number>({ max: 1000, ttl: 5 * 60_000 });

/** Whether a filter value matches at most `rareMatches` values (∞: always; 0: never). */
async function isRare(database: Database, key: string, condition: SQL, rareMatches: number): Promise<boolean> {
  if (rareMatches === Number.POSITIVE_INFINITY) return true;
  if (rareMatches <= 0) return false;
  let matches = counts.get(key);
  if (matches === undefined) {
    matches = await repo.countMatchingValues(database.db, condition, rareMatches + 1);
    counts.set(key, matches);
  }
  return matches <= rareMatches;
}

/** Conditions the queue puts on the ticket itself, which a rare value's read may apply first. */
export interface QueueNarrowing {
  /** The ticket is in one of these departments (the caller's scope, or those asked for). */
  departments?: readonly string[];
  /** Open (true) or closed (false) tickets only. */
  open?: boolean;
  /**
   * The most matching values a "rare" value has: the queue reads those first instead of probing
   * each ticket in its order (FIELD_FILTER_RARE_MATCHES, decision 015; ∞: every value is rare;
   * 0: none is).
   */
  rareMatches: number;
}

/** One `field=key:value` filter of the queue. */
export interface FieldFilter {
  /** The filter as a condition over `t`. */
  condition: SQL;
  /**
   * A common select value: the field's rows having one of these options, which a newest-first
   * queue may walk in order instead of probing each ticket (QueueQuery.newestWalk, migration 0033).
   */
  walk?: { fieldId: string; options: string[] };
}

/**
 * The queue's custom field filters (`field=key:value`, docs/custom-fields.md). Fields the caller
 * cannot see are unknown to them (400), so values stay secret. Fields come from the in-process
 * snapshot and how many values match from a cached count: no query per request but, every five
 * minutes per value, one count of at most rareMatches + 1 rows.
 */
export async function queueFieldFilters(
  database: Database,
  actor: Actor,
  specs: readonly string[] | undefined,
  narrow: QueueNarrowing,
): Promise<FieldFilter[]> {
  // What the queue asks of the ticket anyway, checked on the value rows' copies (migration 0027)
  // so that a rare value's other departments and closed tickets are never read.
  const ofQueue = sql.join(
    [
      ...(narrow.departments?.length
        ? [
            sql`v.department_id IN (${sql.join(
              narrow.departments.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`,
          ]
        : []),
      ...(narrow.open === undefined ? [] : [narrow.open ? sql`v.ticket_open` : sql`NOT v.ticket_open`]),
    ].map((c) => sql` AND ${c}`),
  );
  if (!specs?.length) return [];
  const bad = (message: string) => validationError(message, [{ path: 'querystring.field', message }]);
  const fields = await activeFields(database);
  const filters: FieldFilter[] = [];
  for (const spec of specs) {
    const at = spec.indexOf(':');
    const key = spec.slice(0, at);
    const value = spec.slice(at + 1);
    const field = fields.find((f) => f.key === key);
    if (!field || !canSeeField(actor, field)) throw bad(`Unknown field ${key}`);
    const condition = valueCondition(field, value, (m) => bad(`${key}: ${m}`), narrow);
    // OFFSET 0 keeps a probe per ticket (never a join whose plan would depend on guessed values).
    const probe = (cond: SQL) => sql`EXISTS (SELECT 1 FROM ticket_field_values v
        WHERE v.ticket_id = t.id AND v.field_id = ${field.id}::uuid AND ${cond} OFFSET 0)`;
    if (condition === 'unchecked') {
      filters.push({ condition: sql`NOT ${probe(sql`v.value_bool`)}` });
      continue;
    }
    if (await isRare(database, `${field.id}:${value}`, condition.counted, narrow.rareMatches)) {
      // Rare: the matching tickets first, through the value indexes, then scoped and sorted.
      filters.push({
        condition: amongTickets(sql`SELECT v.ticket_id FROM ticket_field_values v
            WHERE v.field_id = ${field.id}::uuid AND ${condition.rare}${ofQueue}`),
      });
      continue;
    }
    // Common: the queue walks its sort order and probes each ticket (primary key), or walks the
    // field's own rows newest first.
    const walk = condition.options ? { fieldId: field.id, options: condition.options } : undefined;
    filters.push({ condition: probe(condition.match), walk });
  }
  return filters;
}

/**
 * The condition over `v` (ticket_field_values) a filter value asks for (values are parameters, so
 * the statement's text does not depend on them); the same for the rare shape, with the values
 * behind sub-selects so that PostgreSQL makes no plan for particular values and keeps the named
 * statement's generic plan (the walk's probe plans alike for any value); and one over all values
 * to count the matches. `unchecked` for checkbox false.
 */
function valueCondition(
  field: repo.FieldRow,
  value: string,
  bad: (message: string) => Error,
  narrow: QueueNarrowing,
): { match: SQL; rare: SQL; counted: SQL; options?: string[] } | 'unchecked' {
  switch (field.type) {
    case 'select':
    case 'multi_select': {
      const ids = value.split('|');
      if (!ids.every((id) => UUID.test(id))) throw bad('option ids separated by |');
      // `&&` can use the GIN index of value_options (decision 015). Option ids are unique across
      // fields, so the options alone find the values to count.
      const options = sql`${sql.param(ids)}::uuid[]`;
      const match = sql`v.value_options && ${options}`;
      return {
        match,
        rare: optionKeysCondition(ids, narrow) ?? sql`v.value_options && (SELECT ${options})`,
        counted: match,
        options: ids,
      };
    }
    case 'checkbox': {
      if (value !== 'true' && value !== 'false') throw bad('true or false');
      if (value === 'false') return 'unchecked';
      const match = sql`v.value_bool`;
      return { match, rare: match, counted: sql`v.field_id = ${field.id}::uuid AND ${match}` };
    }
    case 'date': {
      const [from, to, extra] = value.includes('..') ? value.split('..') : [value, value];
      if (extra !== undefined || (from && !isRealDate(from)) || (to && !isRealDate(to)) || (!from && !to)) {
        throw bad('YYYY-MM-DD, from..to, from.. or ..to');
      }
      // Open ends as far-off dates: one statement text for every range.
      const range = (a: SQL, b: SQL) => sql`v.value_date IS NOT NULL AND v.value_date >= ${a} AND v.value_date <= ${b}`;
      const [a, b] = [sql`${from || '0001-01-01'}::date`, sql`${to || '9999-12-31'}::date`];
      const match = range(a, b);
      return {
        match,
        rare: range(sql`(SELECT ${a})`, sql`(SELECT ${b})`),
        counted: sql`v.field_id = ${field.id}::uuid AND ${match}`,
      };
    }
    default:
      throw bad(`the queue filters by ${filterableFieldTypes.join(', ')} fields only`);
  }
}

/**
 * A rare option's rows of the queue's departments (and open state) only, through
 * idx_ticket_field_values_option_keys (migration 0030): one key per option, department and open
 * state, so no row of another department or of a closed ticket is read. Undefined when the queue
 * is not limited to departments (an admin's whole queue): then the option index alone. Keys are
 * lower case, as PostgreSQL writes a uuid as text.
 */
function optionKeysCondition(options: readonly string[], narrow: QueueNarrowing): SQL | undefined {
  const departments = narrow.departments;
  if (!departments?.length) return undefined;
  const states = narrow.open === undefined ? [true, false] : [narrow.open];
  const keys = options.flatMap((option) =>
    departments.flatMap((department) => states.map((open) => `${option}:${department}:${open}`.toLowerCase())),
  );
  return sql`helpdesk_field_option_keys(v.value_options, v.department_id, v.ticket_open) && (SELECT ${sql.param(keys)}::text[])`;
}

// ---------------------------------------------------------------------------------------------
// Definitions

/** Checks a definition's options and rules; the options of a select are required. */
function checkDefinition(def: {
  type: string;
  options: CustomFieldOptionRow[];
  customerVisible: boolean;
  customerEditable: boolean;
}) {
  const problems: ErrorDetail[] = [];
  if (isSelect(def.type) && def.options.filter((o) => !o.retired).length === 0) {
    problems.push({ path: 'body.options', message: 'A select needs at least one option that is not retired' });
  }
  if (!isSelect(def.type) && def.options.length > 0) {
    problems.push({ path: 'body.options', message: 'Only select fields have options' });
  }
  const labels = def.options.map((o) => o.label.toLowerCase());
  if (new Set(labels).size !== labels.length) problems.push({ path: 'body.options', message: 'Option labels repeat' });
  if (def.customerEditable && !def.customerVisible) {
    problems.push({ path: 'body.customerEditable', message: 'Customers can only edit fields they can see' });
  }
  if (problems.length) throw ruleViolation('The field definition is not consistent', problems);
}

async function checkDepartments(db: DbOrTx, ids: readonly string[]) {
  for (const id of ids) {
    if (!(await departments.findDepartment(db, id))) {
      throw ruleViolation('Unknown department', [{ path: 'body.departmentIds', message: `Unknown department ${id}` }]);
    }
  }
}

function mapUnique<T>(work: Promise<T>): Promise<T> {
  return work.catch((err: unknown) => {
    throw pgErrorCode(err) === UNIQUE_VIOLATION ? keyTaken() : err;
  });
}

/** Custom field definitions and the values of tickets (docs/custom-fields.md). */
export function createCustomFieldService({ database }: Pick<AppDeps, 'database'>) {
  const { db } = database;

  return {
    /**
     * `GET /api/custom-fields`: staff see every field, customers those visible to them;
     * archived ones only for fields.manage with includeArchived.
     */
    async list(actor: Actor, query: { departmentId?: string; includeArchived?: boolean }): Promise<CustomField[]> {
      const includeArchived = !!query.includeArchived && canManageFields(actor);
      const rows = includeArchived ? await fieldSnapshot(database) : await activeFields(database);
      return rows
        .filter((f) => canSeeField(actor, f))
        .filter((f) => !query.departmentId || fieldApplies(f, query.departmentId))
        .map(presentField);
    },

    /** `POST /api/custom-fields` (fields.manage). */
    async create(actor: Actor, input: CreateCustomFieldBody): Promise<CustomField> {
      requireAllowed(actor, canManageFields);
      const body = createCustomFieldBodySchema.parse(input);
      const options = body.options.map((o) => ({ id: randomUUID(), label: o.label, retired: false }));
      checkDefinition({ ...body, options });
      return db.transaction(async (tx) => {
        await checkDepartments(tx, body.departmentIds);
        if (await repo.findFieldByKey(tx, body.key)) throw keyTaken();
        const row = await mapUnique(repo.insertField(tx, { ...body, options }));
        return presentField(row);
      });
    },

    /** `PATCH /api/custom-fields/:id` (fields.manage): key and type never change. */
    async update(actor: Actor, id: string, input: UpdateCustomFieldBody): Promise<CustomField> {
      requireAllowed(actor, canManageFields);
      const body = updateCustomFieldBodySchema.parse(input);
      return db.transaction(async (tx) => {
        const cur = await repo.findField(tx, id);
        if (!cur) throw notFound('Custom field');
        let options = cur.options;
        if (body.options) {
          const given = new Set(body.options.flatMap((o) => (o.id ? [o.id] : [])));
          const dropped = cur.options.filter((o) => !given.has(o.id));
          if (dropped.length > 0 || [...given].some((g) => !cur.options.some((o) => o.id === g))) {
            throw ruleViolation('Options are retired, never removed; keep every existing option id', [
              { path: 'body.options', message: 'Every existing option, by id, and no unknown ids' },
            ]);
          }
          options = body.options.map((o) => ({ id: o.id ?? randomUUID(), label: o.label, retired: o.retired }));
        }
        const { archived, options: _options, ...rest } = body;
        const next = { ...cur, ...rest, options };
        checkDefinition(next);
        if (body.departmentIds) await checkDepartments(tx, body.departmentIds);
        const row = await repo.updateField(tx, id, {
          ...rest,
          options,
          ...(archived === undefined ? {} : { archivedAt: archived ? (cur.archivedAt ?? new Date()) : null }),
        });
        if (!row) throw notFound('Custom field');
        return presentField(row);
      });
    },

    /** `PUT /api/custom-fields/order` (fields.manage): every field id, in the new order. */
    async reorder(actor: Actor, ids: string[]): Promise<CustomField[]> {
      requireAllowed(actor, canManageFields);
      return db.transaction(async (tx) => {
        const all = await repo.listFields(tx, { includeArchived: true });
        if (all.length !== ids.length || !all.every((f) => ids.includes(f.id))) {
          throw ruleViolation('List every custom field once', [{ path: 'body.ids', message: 'Every field id, once' }]);
        }
        await repo.setSortOrder(tx, ids);
        return (await repo.listFields(tx, { includeArchived: true })).map(presentField);
      });
    },

    /**
     * The fields of a ticket the caller already may see (the tickets service checked it): those
     * that apply to its department and that the caller can see, with values and editability.
     */
    async ofTicket(actor: Actor, ticket: { id: string; departmentId: string }): Promise<TicketCustomField[]> {
      const [fields, rows] = await Promise.all([activeFields(database), repo.valuesOfTicket(db, ticket.id)]);
      const byField = new Map(rows.map((r) => [r.fieldId, r]));
      return fields
        .filter((f) => canSeeField(actor, f) && fieldApplies(f, ticket.departmentId))
        .map((f) => ({ ...presentField(f), value: toWire(f, byField.get(f.id)), editable: canEditField(actor, f) }));
    },

    /** `GET /api/custom-fields/values`: values by ticket and key, of tickets and fields the caller may see. */
    async valuesOfTickets(
      actor: Actor,
      ticketIds: string[],
    ): Promise<Record<string, Record<string, CustomFieldValue>>> {
      const fields = new Map((await activeFields(database)).filter((f) => canSeeField(actor, f)).map((f) => [f.id, f]));
      const out: Record<string, Record<string, CustomFieldValue>> = {};
      for (const row of await repo.valuesOfTickets(db, ticketIds, ticketScopeSql(actor))) {
        const field = fields.get(row.fieldId);
        if (!field) continue;
        out[row.ticketId] = { ...out[row.ticketId], [field.key]: toWire(field, row) };
      }
      return out;
    },
  };
}

export type CustomFieldService = ReturnType<typeof createCustomFieldService>;
