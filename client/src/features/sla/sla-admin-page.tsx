import type {
  CreateSlaPolicyBody,
  SlaCalendar,
  SlaHoliday,
  SlaInterval,
  SlaPolicy,
  SlaTarget,
} from '@helpdesk/contract';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditDeleteButtons } from '../../components/ui/edit-delete-buttons';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, FormError, QueryView } from '../../components/ui/states';
import { useDepartments } from '../../lib/api/get-departments';
import { usePriorities } from '../../lib/api/get-priorities';
import { toOptions } from '../../lib/options';
import { useCalendars, useDeleteCalendar, useSaveCalendar } from './api/calendars';
import { useDeletePolicy, usePolicies, useSavePolicy } from './api/policies';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Every IANA zone the browser knows (a text box where it knows none). */
const zones: string[] =
  typeof (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf === 'function'
    ? (Intl as { supportedValuesOf: (k: string) => string[] }).supportedValuesOf('timeZone')
    : [];

/** Admin (settings.manage): business-hours calendars and SLA policies (docs/sla.md). */
export default function SlaAdminPage() {
  const { t } = useTranslation('sla');
  const calendars = useCalendars();
  const policies = usePolicies();
  const departments = useDepartments();
  const priorities = usePriorities();
  const removeCalendar = useDeleteCalendar();
  const removePolicy = useDeletePolicy();
  const [calendar, setCalendar] = useState<SlaCalendar | 'new' | null>(null);
  const [policy, setPolicy] = useState<SlaPolicy | 'new' | null>(null);
  const deptName = (id: string | null) =>
    id ? (departments.data?.find((d) => d.id === id)?.name ?? id) : t('admin.allDepartments');
  const calName = (id: string | null) =>
    id ? (calendars.data?.find((c) => c.id === id)?.name ?? id) : t('admin.departmentCalendar');
  return (
    <Stack maw={960}>
      <PageHeader title={t('admin.title')} />
      <Text size="sm" c="dimmed">
        {t('admin.intro')}
      </Text>
      <Group justify="space-between">
        <Title order={3}>{t('admin.calendars')}</Title>
        <Button size="xs" onClick={() => setCalendar('new')}>
          {t('admin.newCalendar')}
        </Button>
      </Group>
      <QueryView query={calendars} empty={<Empty title={t('admin.emptyCalendars')} />}>
        {(list) => (
          <AdminTable
            testId="sla-calendars"
            headers={[t('admin.name'), t('admin.timeZone'), t('admin.hours')]}
            items={list}
            cells={(c) => [
              <>
                {c.name} {c.isDefault && <Badge size="xs">{t('admin.default')}</Badge>}
              </>,
              c.timeZone,
              `${t('admin.intervals', { count: c.hours.length })} · ${t('admin.holidayCount', { count: c.holidays.length })}`,
            ]}
            onEdit={setCalendar}
            onDelete={(c) => removeCalendar.mutate(c.id, { onError: notifyError })}
          />
        )}
      </QueryView>
      <Group justify="space-between" mt="md">
        <Title order={3}>{t('admin.policies')}</Title>
        <Button size="xs" onClick={() => setPolicy('new')}>
          {t('admin.newPolicy')}
        </Button>
      </Group>
      <QueryView query={policies} empty={<Empty title={t('admin.emptyPolicies')} />}>
        {(list) => (
          <AdminTable
            testId="sla-policies"
            headers={[t('admin.name'), t('admin.department'), t('admin.calendar')]}
            items={list}
            cells={(p) => [p.name, deptName(p.departmentId), calName(p.calendarId)]}
            onEdit={setPolicy}
            onDelete={(p) => removePolicy.mutate(p.id, { onError: notifyError })}
          />
        )}
      </QueryView>
      {calendar && (
        <CalendarModal
          calendar={calendar === 'new' ? undefined : calendar}
          departments={toOptions(departments.data)}
          onClose={() => setCalendar(null)}
        />
      )}
      {policy && (
        <PolicyModal
          policy={policy === 'new' ? undefined : policy}
          departments={toOptions(departments.data)}
          calendars={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          priorities={priorities.data ?? []}
          onClose={() => setPolicy(null)}
        />
      )}
    </Stack>
  );
}

const officeHours: SlaInterval[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
const alwaysOpen: SlaInterval[] = DAYS.map((day) => ({ day, start: '00:00', end: '24:00' }));

function CalendarModal({
  calendar,
  departments,
  onClose,
}: {
  calendar: SlaCalendar | undefined;
  departments: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation('sla');
  const save = useSaveCalendar();
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState(calendar?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [isDefault, setIsDefault] = useState(calendar?.isDefault ?? false);
  const [hours, setHours] = useState<SlaInterval[]>(calendar?.hours ?? officeHours);
  const [holidays, setHolidays] = useState<SlaHoliday[]>(calendar?.holidays ?? []);
  const [departmentIds, setDepartmentIds] = useState<string[]>(calendar?.departmentIds ?? []);
  const setHour = (i: number, change: Partial<SlaInterval>) =>
    setHours(hours.map((h, j) => (j === i ? { ...h, ...change } : h)));
  const setHoliday = (i: number, change: Partial<SlaHoliday>) =>
    setHolidays(holidays.map((h, j) => (j === i ? { ...h, ...change } : h)));
  const submit = () =>
    save.mutate(
      { id: calendar?.id, body: { name, timeZone, isDefault, hours, holidays, departmentIds } },
      {
        onSuccess: () => {
          notifySuccess(t('admin.saved'));
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} size="lg" title={calendar ? calendar.name : t('admin.newCalendar')}>
      <Stack>
        <TextInput label={t('admin.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        {zones.length > 0 ? (
          <Select
            label={t('admin.timeZone')}
            searchable
            data={zones}
            value={timeZone}
            onChange={(v) => setTimeZone(v ?? timeZone)}
            allowDeselect={false}
          />
        ) : (
          <TextInput
            label={t('admin.timeZone')}
            value={timeZone}
            onChange={(e) => setTimeZone(e.currentTarget.value)}
          />
        )}
        <Checkbox
          label={t('admin.isDefault')}
          checked={isDefault}
          onChange={(e) => setIsDefault(e.currentTarget.checked)}
        />
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {t('admin.hours')}
          </Text>
          <Group gap={4}>
            <Button size="compact-xs" variant="default" onClick={() => setHours(officeHours)}>
              {t('admin.officeHours')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => setHours(alwaysOpen)}>
              {t('admin.alwaysOpen')}
            </Button>
          </Group>
        </Group>
        {hours.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <Select
              label={i === 0 ? t('admin.day') : undefined}
              aria-label={t('admin.day')}
              w={140}
              data={DAYS.map((d) => ({ value: String(d), label: t(`admin.days.${d}`) }))}
              value={String(h.day)}
              onChange={(v) => setHour(i, { day: Number(v ?? h.day) })}
              allowDeselect={false}
            />
            <TextInput
              label={i === 0 ? t('admin.start') : undefined}
              aria-label={t('admin.start')}
              w={100}
              value={h.start}
              onChange={(e) => setHour(i, { start: e.currentTarget.value })}
            />
            <TextInput
              label={i === 0 ? t('admin.end') : undefined}
              aria-label={t('admin.end')}
              w={100}
              value={h.end}
              onChange={(e) => setHour(i, { end: e.currentTarget.value })}
            />
            <Button size="xs" variant="subtle" color="red" onClick={() => setHours(hours.filter((_, j) => j !== i))}>
              {t('admin.remove')}
            </Button>
          </Group>
        ))}
        <Button
          size="xs"
          variant="light"
          w="fit-content"
          onClick={() => setHours([...hours, { day: 1, start: '09:00', end: '17:00' }])}
        >
          {t('admin.addInterval')}
        </Button>
        <Text fw={600} size="sm">
          {t('admin.holidays')}
        </Text>
        {holidays.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
          <Group key={i} gap="xs" align="center" wrap="nowrap">
            <TextInput
              type="date"
              aria-label={t('admin.date')}
              value={h.date}
              onChange={(e) => setHoliday(i, { date: e.currentTarget.value })}
            />
            <TextInput
              aria-label={t('admin.holidayName')}
              placeholder={t('admin.holidayName')}
              value={h.name ?? ''}
              onChange={(e) => setHoliday(i, { name: e.currentTarget.value || undefined })}
            />
            <Checkbox
              label={t('admin.yearly')}
              checked={h.yearly}
              onChange={(e) => setHoliday(i, { yearly: e.currentTarget.checked })}
            />
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => setHolidays(holidays.filter((_, j) => j !== i))}
            >
              {t('admin.remove')}
            </Button>
          </Group>
        ))}
        <Button
          size="xs"
          variant="light"
          w="fit-content"
          onClick={() => setHolidays([...holidays, { date: new Date().toISOString().slice(0, 10), yearly: false }])}
        >
          {t('admin.addHoliday')}
        </Button>
        <MultiSelect
          label={t('admin.departments')}
          data={departments}
          value={departmentIds}
          onChange={setDepartmentIds}
          clearable
        />
        <FormError error={save.error} />
        <Button w="fit-content" loading={save.isPending} onClick={submit}>
          {t('admin.save')}
        </Button>
      </Stack>
    </Modal>
  );
}

function PolicyModal({
  policy,
  departments,
  calendars,
  priorities,
  onClose,
}: {
  policy: SlaPolicy | undefined;
  departments: { value: string; label: string }[];
  calendars: { value: string; label: string }[];
  priorities: { id: string; name: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation('sla');
  const save = useSavePolicy();
  const [name, setName] = useState(policy?.name ?? '');
  const [departmentId, setDepartmentId] = useState<string | null>(policy?.departmentId ?? null);
  const [calendarId, setCalendarId] = useState<string | null>(policy?.calendarId ?? null);
  const [warningPercent, setWarningPercent] = useState<number>(policy?.warningPercent ?? 80);
  const [targets, setTargets] = useState<SlaTarget[]>(() =>
    priorities.map(
      (p) =>
        policy?.targets.find((x) => x.priorityId === p.id) ?? {
          priorityId: p.id,
          firstResponseMinutes: null,
          nextResponseMinutes: null,
          resolutionMinutes: null,
        },
    ),
  );
  const setTarget = (priorityId: string, key: keyof Omit<SlaTarget, 'priorityId'>, v: string | number) =>
    setTargets(targets.map((x) => (x.priorityId === priorityId ? { ...x, [key]: v === '' ? null : Number(v) } : x)));
  const submit = () => {
    const body: CreateSlaPolicyBody = {
      name,
      departmentId,
      calendarId,
      warningPercent,
      targets: targets.filter(
        (x) => x.firstResponseMinutes !== null || x.nextResponseMinutes !== null || x.resolutionMinutes !== null,
      ),
    };
    save.mutate(
      { id: policy?.id, body },
      {
        onSuccess: () => {
          notifySuccess(t('admin.saved'));
          onClose();
        },
      },
    );
  };
  const minutesInput = (x: SlaTarget, key: keyof Omit<SlaTarget, 'priorityId'>, label: string, name: string) => (
    <NumberInput
      aria-label={`${label} ${name}`}
      min={1}
      allowDecimal={false}
      w={110}
      value={x[key] ?? ''}
      onChange={(v) => setTarget(x.priorityId, key, v)}
    />
  );
  return (
    <Modal opened onClose={onClose} size="lg" title={policy ? policy.name : t('admin.newPolicy')}>
      <Stack>
        <TextInput label={t('admin.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select
          label={t('admin.department')}
          placeholder={t('admin.allDepartments')}
          clearable
          data={departments}
          value={departmentId}
          onChange={setDepartmentId}
        />
        <Select
          label={t('admin.calendar')}
          placeholder={t('admin.departmentCalendar')}
          clearable
          data={calendars}
          value={calendarId}
          onChange={setCalendarId}
        />
        <NumberInput
          label={t('admin.warningPercent')}
          min={1}
          max={99}
          allowDecimal={false}
          value={warningPercent}
          onChange={(v) => setWarningPercent(Number(v) || 80)}
        />
        <Text fw={600} size="sm">
          {t('admin.targets')}
        </Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.priority')}</Table.Th>
              <Table.Th>{t('admin.firstResponse')}</Table.Th>
              <Table.Th>{t('admin.nextResponse')}</Table.Th>
              <Table.Th>{t('admin.resolution')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {targets.map((x) => {
              const pname = priorities.find((p) => p.id === x.priorityId)?.name ?? '';
              return (
                <Table.Tr key={x.priorityId}>
                  <Table.Td>{pname}</Table.Td>
                  <Table.Td>{minutesInput(x, 'firstResponseMinutes', t('admin.firstResponse'), pname)}</Table.Td>
                  <Table.Td>{minutesInput(x, 'nextResponseMinutes', t('admin.nextResponse'), pname)}</Table.Td>
                  <Table.Td>{minutesInput(x, 'resolutionMinutes', t('admin.resolution'), pname)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <FormError error={save.error} />
        <Button w="fit-content" loading={save.isPending} onClick={submit}>
          {t('admin.save')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** One admin list: a column per field, Edit and Delete on the right; a phone scrolls it inside its frame. */
function AdminTable<T extends { id: string; name: string }>({
  testId,
  headers,
  items,
  cells,
  onEdit,
  onDelete,
}: {
  testId: string;
  headers: string[];
  items: T[];
  cells: (item: T) => ReactNode[];
  onEdit: (item: T) => void;
  onDelete: (item: T) => void;
}) {
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={560}>
        <Table data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              {headers.map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                {cells(item).map((cell, i) => (
                  <Table.Td key={headers[i]}>{cell}</Table.Td>
                ))}
                <Table.Td>
                  <Group justify="flex-end">
                    <EditDeleteButtons name={item.name} onEdit={() => onEdit(item)} onDelete={() => onDelete(item)} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
