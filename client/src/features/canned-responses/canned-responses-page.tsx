import {
  type CannedResponse,
  type CannedScope,
  cannedPlaceholders,
  createCannedResponseBodySchema,
  MAX_CANNED_TAGS,
  updateCannedResponseBodySchema,
} from '@helpdesk/contract';
import { Button, Code, Group, Modal, Paper, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDeleteButtons } from '../../components/ui/edit-delete-buttons';
import { FormSubmit } from '../../components/ui/form-submit';
import { notifyError } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { useDepartments } from '../../lib/api/get-departments';
import { usePriorities } from '../../lib/api/get-priorities';
import { useStatuses } from '../../lib/api/get-statuses';
import { useUser } from '../../lib/auth';
import { submitTo, useBodyForm } from '../../lib/form';
import { can } from '../../lib/permissions';
import { useFeatureSlots } from '../../lib/slots';
import { useCannedList } from './api/list-canned';
import { useDeleteCanned, useSaveCanned } from './api/save-canned';
import { CannedFilesField } from './components/canned-files-field';

/** Shared responses (canned.manage). */
export function SharedCannedPage() {
  return <CannedResponsesPage scope="shared" />;
}

/** The signed-in agent's personal responses. */
export function MyCannedPage() {
  return <CannedResponsesPage scope="personal" />;
}

function CannedResponsesPage({ scope }: { scope: CannedScope }) {
  const { t } = useTranslation('canned');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const responses = useCannedList(scope, debounced);
  const remove = useDeleteCanned();
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  return (
    <Stack maw={900}>
      <PageHeader title={scope === 'shared' ? t('page.sharedTitle') : t('page.mineTitle')}>
        <Button onClick={() => setEditing('new')} data-testid="canned-add">
          {t('page.add')}
        </Button>
      </PageHeader>
      <Text size="sm" c="dimmed">
        {scope === 'shared' ? t('page.sharedIntro') : t('page.mineIntro')}
      </Text>
      <TextInput label={t('page.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} />
      <QueryView query={responses} empty={<Empty title={t('page.empty')} />}>
        {(list) => (
          <Paper withBorder>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.title')}</Table.Th>
                  {scope === 'shared' && <Table.Th>{t('fields.department')}</Table.Th>}
                  <Table.Th>{t('page.used')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Text size="sm" fw={500} className="user-text">
                        {c.title}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={1} className="user-text">
                        {c.body}
                      </Text>
                    </Table.Td>
                    {scope === 'shared' && (
                      <Table.Td className="user-text">{c.department?.name ?? t('fields.allDepartments')}</Table.Td>
                    )}
                    <Table.Td>{c.usageCount}</Table.Td>
                    <Table.Td>
                      <Group justify="flex-end">
                        <EditDeleteButtons
                          name={c.title}
                          onEdit={() => setEditing(c)}
                          onDelete={() => remove.mutate(c.id, { onError: notifyError })}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </QueryView>
      {editing && (
        <CannedModal
          scope={scope}
          response={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function CannedModal({
  scope,
  response,
  onClose,
}: {
  scope: CannedScope;
  response?: CannedResponse;
  onClose: () => void;
}) {
  const { t } = useTranslation('canned');
  const save = useSaveCanned(response?.id);
  const departments = useDepartments();
  const statuses = useStatuses();
  const priorities = usePriorities();
  const { tagNamesInput } = useFeatureSlots();
  // Tagging on send is for those who may tag tickets (the tags feature's rule; the server checks it).
  const mayTag = can(useUser(), 'tickets.update');
  const form = useBodyForm(
    response ? updateCannedResponseBodySchema : createCannedResponseBodySchema,
    {
      title: response?.title ?? '',
      body: response?.body ?? '',
      departmentId: response?.department?.id ?? null,
      setStatusId: response?.actions.setStatusId ?? null,
      setPriorityId: response?.actions.setPriorityId ?? null,
      addTags: response?.actions.addTags ?? [],
    },
    (v) => ({
      title: v.title,
      body: v.body,
      // The scope is fixed once created: PATCH has no `scope`.
      ...(response ? {} : { scope }),
      ...(scope === 'shared' ? { departmentId: v.departmentId } : {}),
      actions: {
        ...(v.setStatusId ? { setStatusId: v.setStatusId } : {}),
        ...(v.setPriorityId ? { setPriorityId: v.setPriorityId } : {}),
        ...(v.addTags.length ? { addTags: v.addTags } : {}),
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title={response ? t('page.edit') : t('page.add')} size="lg">
      <form onSubmit={submitTo(form, save, onClose)} noValidate>
        <Stack>
          <TextInput label={t('fields.title')} required maxLength={120} {...form.getInputProps('title')} />
          <Textarea
            label={t('fields.body')}
            required
            autosize
            minRows={5}
            maxRows={16}
            data-testid="canned-body"
            {...form.getInputProps('body')}
          />
          <Text size="xs" c="dimmed">
            {t('fields.placeholders')}{' '}
            {cannedPlaceholders.map((p) => (
              <Code key={p} mr={4}>{`{{${p}}}`}</Code>
            ))}
          </Text>
          {scope === 'shared' && (
            <Select
              label={t('fields.department')}
              placeholder={t('fields.allDepartments')}
              data={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              clearable
              {...form.getInputProps('departmentId')}
            />
          )}
          <Group grow>
            <Select
              label={t('fields.setStatus')}
              placeholder={t('fields.noChange')}
              data={(statuses.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              clearable
              {...form.getInputProps('setStatusId')}
            />
            <Select
              label={t('fields.setPriority')}
              placeholder={t('fields.noChange')}
              data={(priorities.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              clearable
              {...form.getInputProps('setPriorityId')}
            />
          </Group>
          {mayTag &&
            tagNamesInput?.({
              label: t('fields.addTags'),
              value: form.values.addTags,
              onChange: (names) => form.setFieldValue('addTags', names),
              // The server's errors are about the list or one of its names.
              error: Object.entries(form.errors).find(([key]) => key.startsWith('actions.addTags'))?.[1],
              max: MAX_CANNED_TAGS,
            })}
          <CannedFilesField response={response} />
          <FormSubmit mutation={save} form={form} w="fit-content">
            {t('page.save')}
          </FormSubmit>
        </Stack>
      </form>
    </Modal>
  );
}
