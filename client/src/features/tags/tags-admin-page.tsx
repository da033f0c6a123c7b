import { type TagWithUsage, type UpdateTagBody, updateTagBodySchema } from '@helpdesk/contract';
import { Button, ColorInput, Group, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormSubmit } from '../../components/ui/form-submit';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { submitTo, useBodyForm } from '../../lib/form';
import { useDeleteTag } from './api/delete-tag';
import { useTagUsage } from './api/get-tag-usage';
import { useMergeTag } from './api/merge-tag';
import { useUpdateTag } from './api/update-tag';
import { TagChip } from './components/tag-chip';

/** Admin (tags.manage): every tag with its number of tickets; rename, recolour, merge, delete. */
export default function TagsAdminPage() {
  const { t } = useTranslation('tags');
  const usage = useTagUsage();
  const remove = useDeleteTag();
  const [editing, setEditing] = useState<TagWithUsage | null>(null);
  const [merging, setMerging] = useState<TagWithUsage | null>(null);
  return (
    <Stack maw={800}>
      <PageHeader title={t('admin.title')} />
      <Text size="sm" c="dimmed">
        {t('admin.intro')}
      </Text>
      <QueryView query={usage} empty={<Empty title={t('admin.empty')} />}>
        {(list) => (
          <Paper withBorder>
            <Table data-testid="tags-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.name')}</Table.Th>
                  <Table.Th>{t('admin.tickets')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((tag) => (
                  <Table.Tr key={tag.id}>
                    <Table.Td>
                      <TagChip tag={tag} />
                    </Table.Td>
                    <Table.Td>{tag.ticketCount}</Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-xs" variant="default" onClick={() => setEditing(tag)}>
                          {t('admin.edit')}
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => setMerging(tag)}>
                          {t('admin.merge')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() =>
                            window.confirm(t('admin.confirmDelete', { name: tag.name, count: tag.ticketCount })) &&
                            remove.mutate(tag.id, { onError: notifyError })
                          }
                        >
                          {t('admin.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </QueryView>
      {editing && <EditTagModal tag={editing} onClose={() => setEditing(null)} />}
      {merging && (
        <MergeTagModal
          tag={merging}
          others={(usage.data ?? []).filter((x) => x.id !== merging.id)}
          onClose={() => setMerging(null)}
        />
      )}
    </Stack>
  );
}

function EditTagModal({ tag, onClose }: { tag: TagWithUsage; onClose: () => void }) {
  const { t } = useTranslation('tags');
  const update = useUpdateTag();
  const form = useBodyForm(updateTagBodySchema, { name: tag.name, color: tag.color ?? '' }, (v) => ({
    name: v.name,
    color: v.color || null,
  }));
  // The form sends the body; the mutation needs the tag's id with it.
  const save = { mutate: (body: UpdateTagBody, callbacks: object) => update.mutate({ id: tag.id, body }, callbacks) };
  return (
    <Modal opened onClose={onClose} title={t('admin.editTitle', { name: tag.name })}>
      <form onSubmit={submitTo(form, save, onClose)} noValidate>
        <Stack>
          <TextInput label={t('admin.name')} required maxLength={50} {...form.getInputProps('name')} />
          <ColorInput
            label={t('admin.color')}
            format="hex"
            placeholder={t('admin.noColor')}
            {...form.getInputProps('color')}
          />
          <FormSubmit mutation={update} form={form} w="fit-content">
            {t('admin.save')}
          </FormSubmit>
        </Stack>
      </form>
    </Modal>
  );
}

function MergeTagModal({ tag, others, onClose }: { tag: TagWithUsage; others: TagWithUsage[]; onClose: () => void }) {
  const { t } = useTranslation('tags');
  const merge = useMergeTag();
  const [intoId, setIntoId] = useState<string | null>(null);
  const into = others.find((o) => o.id === intoId);
  return (
    <Modal opened onClose={onClose} title={t('admin.mergeTitle', { name: tag.name })}>
      <Stack>
        <Select
          label={t('admin.mergeInto')}
          searchable
          data={others.map((o) => ({ value: o.id, label: o.name }))}
          value={intoId}
          onChange={setIntoId}
        />
        {into && (
          <Text size="sm">{t('admin.mergeExplain', { from: tag.name, into: into.name, count: tag.ticketCount })}</Text>
        )}
        <Button
          w="fit-content"
          disabled={!intoId}
          loading={merge.isPending}
          onClick={() =>
            intoId &&
            merge.mutate(
              { id: tag.id, intoId },
              {
                onSuccess: () => {
                  notifySuccess(t('admin.merged'));
                  onClose();
                },
                onError: notifyError,
              },
            )
          }
        >
          {t('admin.merge')}
        </Button>
      </Stack>
    </Modal>
  );
}
