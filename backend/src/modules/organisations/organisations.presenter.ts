import type { CustomerNote, CustomerSummary, Organisation, OrganisationDetail } from '@helpdesk/contract';
import { iso, isoOrNull } from '../../lib/timestamps.js';
import type { CustomerRow, NoteRow, OrganisationWithCount } from './organisations.repository.js';

export function presentCustomer(row: CustomerRow): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isActive: row.isActive,
    createdAt: iso(row.createdAt),
    organisation:
      row.organisationId && row.organisationName ? { id: row.organisationId, name: row.organisationName } : null,
  };
}

export function presentNote(row: NoteRow | undefined): CustomerNote {
  return {
    body: row?.body ?? '',
    updatedAt: isoOrNull(row?.updatedAt ?? null),
    updatedBy: row?.updatedById && row.updatedByName ? { id: row.updatedById, name: row.updatedByName } : null,
  };
}

export function presentOrganisation(row: OrganisationWithCount): Organisation {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    membersSeeTickets: row.membersSeeTickets,
    memberCount: row.memberCount,
    createdAt: iso(row.createdAt),
  };
}

export function presentOrganisationDetail(row: OrganisationWithCount, members: CustomerRow[]): OrganisationDetail {
  return {
    ...presentOrganisation(row),
    members: members.map((m) => {
      const { organisation: _, ...rest } = presentCustomer(m);
      return rest;
    }),
  };
}
