import { type CustomField, type CustomFieldType, customFieldTypes } from '@helpdesk/contract';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, FormError, QueryView } from '../../components/ui/states';
import { useDepartments } from '../../lib/api/get-departments';
import { useFields } from './api/list-fields';
import { useReorderFields, useSaveField } from './api/save-field';

/** Admin (fields.manage): define, order and archive the custom ticket fields (docs/custom-fields.md). */
export default function CustomFieldsPage() {
  const { t } = useTranslation('fields');
  const fields = useFields({ includeArchived: true });
  const reorder = useReorderFields();
  const save = useSaveField();
  const departments = useDepartments();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const deptName = (id: string) => departments.data?.find((d) => d.id === id)?.name ?? id;

  const move = (list: CustomField[], from: number, to: number) => {
    const ids = list.map((f) => f.id);
    const [id] = ids.splice(from, 1);
    if (!id) return;
    ids.splice(to, 0, id);
    reorder.mutate(ids, { onError: notifyError });
  };

  return (
    <Stack maw={1000}>
      <PageHeader title={t('admin.title')}>
        <Button onClick={() => setEditing('new')}>{t('admin.new')}</Button>
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('admin.intro')}
      </Text>
      <QueryView query={fields} empty={<Empty title={t('admin.empty')} />}>
        {(list) => (
          <Paper withBorder>
            <Table data-testid="custom-fields-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.label')}</Table.Th>
                  <Table.Th>{t('admin.key')}</Table.Th>
                  <Table.Th>{t('admin.type')}</Table.Th>
                  <Table.Th>{t('admin.departments')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((f, i) => (
                  <Table.Tr key={f.id} c={f.archived ? 'dimmed' : undefined}>
                    <Table.Td className="user-text">
                      {f.label}{' '}
                      {f.archived && (
                        <Badge size="xs" color="gray">
                          {t('admin.archived')}
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        {f.customerVisible ? t('admin.forCustomers') : t('admin.staffOnly')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <code>{f.key}</code>
                    </Table.Td>
                    <Table.Td>{t(`types.${f.type}`)}</Table.Td>
                    <Table.Td className="user-text">
                      {f.departmentIds.length ? f.departmentIds.map(deptName).join(', ') : t('admin.allDepartments')}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          disabled={i === 0 || reorder.isPending}
                          aria-label={`${t('admin.moveUp')}: ${f.label}`}
                          onClick={() => move(list, i, i - 1)}
                        >
                          ↑
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          disabled={i === list.length - 1 || reorder.isPending}
                          aria-label={`${t('admin.moveDown')}: ${f.label}`}
                          onClick={() => move(list, i, i + 1)}
                        >
                          ↓
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => setEditing(f)}>
                          {t('admin.edit')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() =>
                            save.mutate({ id: f.id, body: { archived: !f.archived } }, { onError: notifyError })
                          }
                        >
                          {f.archived ? t('admin.restore') : t('admin.archive')}
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
        <FieldModal
          field={editing === 'new' ? undefined : editing}
          departments={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

interface OptionDraft {
  id?: string;
  label: string;
  retired: boolean;
}

function FieldModal({
  field,
  departments,
  onClose,
}: {
  field?: CustomField;
  departments: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation('fields');
  const save = useSaveField();
  const [key, setKey] = useState(field?.key ?? '');
  const [label, setLabel] = useState(field?.label ?? '');
  const [helpText, setHelpText] = useState(field?.helpText ?? '');
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState<OptionDraft[]>(field?.options ?? []);
  const [flags, setFlags] = useState({
    requiredOnCreate: field?.requiredOnCreate ?? false,
    requiredToClose: field?.requiredToClose ?? false,
    customerVisible: field?.customerVisible ?? false,
    customerEditable: field?.customerEditable ?? false,
  });
  const [departmentIds, setDepartmentIds] = useState<string[]>(field?.departmentIds ?? []);
  const isSelect = type === 'select' || type === 'multi_select';
  const setOption = (i: number, change: Partial<OptionDraft>) =>
    setOptions((list) => list.map((o, j) => (j === i ? { ...o, ...change } : o)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = { label, helpText, ...flags, departmentIds };
    const body = field
      ? { ...common, ...(isSelect ? { options } : {}) }
      : { ...common, key, type, options: isSelect ? options.map((o) => ({ label: o.label })) : [] };
    save.mutate(
      { id: field?.id, body },
      {
        onSuccess: () => {
          notifySuccess(t('admin.saved'));
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={field ? t('admin.editTitle') : t('admin.new')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('admin.key')}
            description={t('admin.keyHint')}
            required
            maxLength={40}
            disabled={!!field}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
          />
          <TextInput
            label={t('admin.label')}
            required
            maxLength={100}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
          <Textarea
            label={t('admin.helpText')}
            maxLength={500}
            value={helpText}
            onChange={(e) => setHelpText(e.currentTarget.value)}
          />
          <Select
            label={t('admin.type')}
            disabled={!!field}
            allowDeselect={false}
            data={customFieldTypes.map((v) => ({ value: v, label: t(`types.${v}`) }))}
            value={type}
            onChange={(v) => v && setType(v as CustomFieldType)}
          />
          {isSelect && (
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('admin.options')}
              </Text>
              {options.map((o, i) => (
                <Group key={o.id ?? `new-${i}`} gap="xs">
                  <TextInput
                    aria-label={`${t('admin.optionLabel')} ${i + 1}`}
                    maxLength={100}
                    value={o.label}
                    onChange={(e) => setOption(i, { label: e.currentTarget.value })}
                    style={{ flex: 1 }}
                  />
                  {o.id ? (
                    <Checkbox
                      label={t('admin.retired')}
                      checked={o.retired}
                      onChange={(e) => setOption(i, { retired: e.currentTarget.checked })}
                    />
                  ) : (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setOptions((list) => list.filter((_, j) => j !== i))}
                    >
                      ✕
                    </Button>
                  )}
                </Group>
              ))}
              <Button
                size="xs"
                variant="default"
                w="fit-content"
                onClick={() => setOptions((list) => [...list, { label: '', retired: false }])}
              >
                {t('admin.addOption')}
              </Button>
            </Stack>
          )}
          {(['requiredOnCreate', 'requiredToClose', 'customerVisible', 'customerEditable'] as const).map((flag) => (
            <Checkbox
              key={flag}
              label={t(`admin.${flag}`)}
              checked={flags[flag]}
              disabled={flag === 'customerEditable' && !flags.customerVisible}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setFlags((f) => ({
                  ...f,
                  [flag]: on,
                  ...(flag === 'customerVisible' && !on ? { customerEditable: false } : {}),
                }));
              }}
            />
          ))}
          <MultiSelect
            label={t('admin.departments')}
            description={t('admin.departmentsHint')}
            data={departments}
            value={departmentIds}
            onChange={setDepartmentIds}
            clearable
          />
          {save.error ? <FormError error={save.error} /> : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('admin.save')}
            </Button>
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
