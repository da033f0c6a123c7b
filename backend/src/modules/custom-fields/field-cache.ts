import { snapshotCache } from '../../db/snapshot-cache.js';
import { type FieldRow, listFields } from './custom-fields.repository.js';

/**
 * Every custom field definition (archived ones too), in their order, kept in memory
 * (docs/decisions/016-perf16-reference-caches.md): ticket creates, updates, the detail sidebar and
 * the queue's field filters read them without a query. Dropped on every committed change to
 * `custom_fields` by any process (the trigger of migration perf16_reference_caches). Tens of rows.
 * The rows are shared: never change them.
 */
export const fieldSnapshot = snapshotCache<readonly FieldRow[]>('fields', 'custom_fields', (db) =>
  listFields(db, { includeArchived: true }),
);
