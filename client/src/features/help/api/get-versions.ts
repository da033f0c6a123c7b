import { kbVersionSchema, kbVersionSummarySchema } from '@helpdesk/contract';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { helpKeys } from './keys';

/** `GET /api/help/articles/:id/versions`: newest first. */
export const getVersions = (id: string, signal?: AbortSignal) =>
  api.get(`/api/help/articles/${id}/versions`, z.array(kbVersionSummarySchema), { signal });

export const useVersions = (id: string) =>
  useQuery({ queryKey: helpKeys.versions(id), queryFn: ({ signal }) => getVersions(id, signal) });

/** `GET /api/help/articles/:id/versions/:version`: one version with its rendered body. */
export const getVersion = (id: string, version: number, signal?: AbortSignal) =>
  api.get(`/api/help/articles/${id}/versions/${version}`, kbVersionSchema, { signal });

export const useVersion = (id: string, version: number | null) =>
  useQuery({
    queryKey: helpKeys.version(id, version ?? 0),
    queryFn: ({ signal }) => getVersion(id, version ?? 0, signal),
    enabled: version !== null,
  });
