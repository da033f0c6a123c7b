import { auditEntrySchema, pageSchema } from '@helpdesk/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { requestPage } from '../../../lib/api-client';
import { keysetQueryOptions } from '../../../lib/keyset-query';
import { adminKeys } from './keys';

const auditPage = pageSchema(auditEntrySchema);

/** `GET /api/audit`: admin changes, newest first. */
export const getAuditLog = (cursor: string | undefined, signal?: AbortSignal) =>
  requestPage('/api/audit', auditPage, { query: { limit: 50, cursor }, signal });

export const useAuditLog = () => useInfiniteQuery(keysetQueryOptions(adminKeys.audit, getAuditLog));
