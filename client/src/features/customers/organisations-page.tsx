import type { Organisation } from '@helpdesk/contract';
import { Badge, Button, Group, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { Panel } from '../../components/ui/panel';
import { Empty, FormError, QueryView } from '../../components/ui/states';
import { TableHead } from '../../components/ui/table-head';
import { useSearchBox } from '../../lib/use-search-box';
import { useCustomers } from './api/list-customers';
import {
  useDeleteOrganisation,
  useOrganisation,
  useOrganisations,
  useSaveOrganisation,
  useSetMember,
} from './api/organisations';

const splitDomains = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean);

/** Admins (organisations.manage): organisations, their domains, ticket sharing and members. */
export default function OrganisationsPage() {
  const { t } = useTranslation('customers');
  const organisations = useOrganisations();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const remove = useDeleteOrganisation();
  return (
    <Stack>
      <PageHeader title={t('organisations.title')}>
        <Button onClick={() => setSelected('new')}>{t('organisations.new')}</Button>
      </PageHeader>
      {selected === 'new' && <OrganisationForm onDone={(id) => setSelected(id ?? null)} />}
      <FormError error={remove.error} />
      <QueryView
        query={organisations}
        empty={<Empty title={t('organisations.none')}>{t('organisations.noneBody')}</Empty>}
      >
        {(items) => (
          <Table data-testid="organisations-table">
            <TableHead
              columns={[
                t('organisations.columns.name'),
                t('organisations.columns.domains'),
                t('organisations.columns.members'),
                t('organisations.columns.actions'),
              ]}
            />
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td className="user-text">
                    {o.name} {o.membersSeeTickets && <Badge variant="light">{t('organisations.sharing')}</Badge>}
                  </Table.Td>
                  <Table.Td className="user-text">{o.domains.join(', ')}</Table.Td>
                  <Table.Td>{o.memberCount}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="default" onClick={() => setSelected(o.id)}>
                        {t('organisations.open')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="default"
                        color="red"
                        onClick={() => {
                          if (!window.confirm(t('organisations.confirmDelete', { name: o.name }))) return;
                          remove.mutate(o.id, { onSuccess: () => selected === o.id && setSelected(null) });
                        }}
                      >
                        {t('organisations.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryView>
      {selected && selected !== 'new' && <OrganisationEditor id={selected} />}
    </Stack>
  );
}

/** Name, domains and sharing: a new organisation, or changes to one. */
function OrganisationForm({ organisation, onDone }: { organisation?: Organisation; onDone?: (id?: string) => void }) {
  const { t } = useTranslation('customers');
  const [name, setName] = useState(organisation?.name ?? '');
  const [domains, setDomains] = useState(organisation?.domains.join(', ') ?? '');
  const [sharing, setSharing] = useState(organisation?.membersSeeTickets ?? false);
  const save = useSaveOrganisation(organisation?.id);
  return (
    <Stack gap="xs">
      <TextInput
        label={t('organisations.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextInput
        label={t('organisations.domains')}
        description={t('organisations.domainsHelp')}
        value={domains}
        onChange={(e) => setDomains(e.currentTarget.value)}
      />
      <Switch
        label={t('organisations.membersSeeTickets')}
        description={t('organisations.membersSeeTicketsHelp')}
        checked={sharing}
        onChange={(e) => setSharing(e.currentTarget.checked)}
      />
      <FormError error={save.error} />
      <Group>
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { name, domains: splitDomains(domains), membersSeeTickets: sharing },
              {
                onSuccess: (saved) => {
                  notifySuccess(t('organisations.saved'));
                  onDone?.(saved.id);
                },
              },
            )
          }
        >
          {t('organisations.save')}
        </Button>
        {onDone && (
          <Button variant="default" onClick={() => onDone()}>
            {t('organisations.cancel')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** One organisation: its settings, its members and a search to add customers. */
function OrganisationEditor({ id }: { id: string }) {
  const { t } = useTranslation('customers');
  const organisation = useOrganisation(id);
  const setMember = useSetMember(id);
  const search = useSearchBox();
  const found = useCustomers(search.query);
  const change = (userId: string, member: boolean) => setMember.mutate({ userId, member }, { onError: notifyError });
  return (
    <QueryView query={organisation}>
      {(org) => (
        <Panel title={org.name}>
          <OrganisationForm key={org.id} organisation={org} />
          <Text fw={600}>{t('organisations.members')}</Text>
          {org.members.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('organisations.noMembers')}
            </Text>
          )}
          {org.members.map((m) => (
            <Group key={m.id} justify="space-between">
              <Text size="sm" className="user-text">
                {m.name} · {m.email}
              </Text>
              <Button size="compact-xs" variant="default" onClick={() => change(m.id, false)}>
                {t('organisations.removeMember')}
              </Button>
            </Group>
          ))}
          <TextInput
            aria-label={t('organisations.addMember')}
            placeholder={t('organisations.addMember')}
            {...search.inputProps}
          />
          {search.query &&
            (found.data ?? [])
              .filter((c) => c.organisation?.id !== id)
              .slice(0, 10)
              .map((c) => (
                <Group key={c.id} justify="space-between">
                  <Text size="sm" className="user-text">
                    {c.name} · {c.email}
                    {c.organisation && ` (${c.organisation.name})`}
                  </Text>
                  <Button size="compact-xs" onClick={() => change(c.id, true)}>
                    {t('organisations.add')}
                  </Button>
                </Group>
              ))}
        </Panel>
      )}
    </QueryView>
  );
}
