import { createKbCategoryBodySchema, type KbCategory } from '@helpdesk/contract';
import { Button, Group, Modal, NumberInput, Paper, Select, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormSubmit } from '../../components/ui/form-submit';
import { notifyError } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { submitTo, useBodyForm } from '../../lib/form';
import { useDeleteCategory } from './api/delete-category';
import { useCategories } from './api/get-categories';
import { useSaveCategory } from './api/save-category';

/** Admin: the help centre's categories (kb.publish): order, one level of nesting, only empty ones deleted. */
export default function HelpCategoriesPage() {
  const { t } = useTranslation('help');
  const categories = useCategories();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<KbCategory | 'new' | null>(null);
  return (
    <Stack maw={800}>
      <PageHeader title={t('admin.title')}>
        <Button onClick={() => setEditing('new')}>{t('admin.add')}</Button>
      </PageHeader>
      <QueryView query={categories} empty={<Empty title={t('admin.empty')} />}>
        {(list) => (
          <Paper withBorder>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.name')}</Table.Th>
                  <Table.Th>{t('admin.order')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td className="user-text" pl={c.parentId ? 'xl' : undefined}>
                      {c.name}
                    </Table.Td>
                    <Table.Td>{c.sortOrder}</Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-xs" variant="default" onClick={() => setEditing(c)}>
                          {t('admin.edit')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() =>
                            window.confirm(`${t('admin.delete')}: ${c.name}?`) &&
                            remove.mutate(c.id, { onError: notifyError })
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
      {editing && (
        <CategoryModal
          category={editing === 'new' ? undefined : editing}
          parents={(categories.data ?? []).filter((c) => !c.parentId && c.id !== (editing === 'new' ? '' : editing.id))}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function CategoryModal({
  category,
  parents,
  onClose,
}: {
  category?: KbCategory;
  parents: KbCategory[];
  onClose: () => void;
}) {
  const { t } = useTranslation('help');
  const save = useSaveCategory(category?.id);
  const form = useBodyForm(createKbCategoryBodySchema, {
    name: category?.name ?? '',
    description: category?.description ?? '',
    parentId: category?.parentId ?? null,
    sortOrder: category?.sortOrder ?? 0,
  });
  return (
    <Modal opened onClose={onClose} title={category ? t('admin.edit') : t('admin.add')}>
      <form onSubmit={submitTo(form, save, onClose)} noValidate>
        <Stack>
          <TextInput label={t('admin.name')} required maxLength={120} {...form.getInputProps('name')} />
          <Textarea label={t('admin.description')} maxLength={500} {...form.getInputProps('description')} />
          <Select
            label={t('admin.parent')}
            placeholder={t('admin.none')}
            data={parents.map((p) => ({ value: p.id, label: p.name }))}
            clearable
            {...form.getInputProps('parentId')}
          />
          <NumberInput label={t('admin.order')} min={0} max={100000} {...form.getInputProps('sortOrder')} />
          <FormSubmit mutation={save} form={form} w="fit-content">
            {t('admin.save')}
          </FormSubmit>
        </Stack>
      </form>
    </Modal>
  );
}
