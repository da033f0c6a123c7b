import {
  type CustomFieldValues,
  createTicketBodySchema,
  type Department,
  type TicketPriority,
} from '@helpdesk/contract';
import { Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { QueryView } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { useDepartments } from '../../lib/api/get-departments';
import { usePriorities } from '../../lib/api/get-priorities';
import { usePublicSettings } from '../../lib/api/get-public-settings';
import { useUser } from '../../lib/auth';
import { showFieldErrors, useBodyForm } from '../../lib/form';
import { randomId } from '../../lib/id';
import { toOptions } from '../../lib/options';
import { can, isStaff } from '../../lib/permissions';
import { type ComposerHooks, useFeatureSlots } from '../../lib/slots';
import { useCreateTicket } from './api/create-ticket';
import { CustomerPicker } from './components/customer-picker';
import { FilePicker } from './components/file-picker';
import { withSentence } from './field-sentences';

export default function NewTicketPage() {
  const { t } = useTranslation('tickets');
  const departments = useDepartments();
  const priorities = usePriorities();
  const settings = usePublicSettings();
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('new.title')}
      </Title>
      <QueryView query={departments}>
        {(departmentList) => (
          <QueryView query={priorities}>
            {(priorityList) => (
              <QueryView query={settings}>
                {({ customerPriorityIds }) => (
                  <NewTicketForm
                    departments={departmentList.filter((d) => d.isActive)}
                    priorities={priorityList}
                    customerPriorityIds={customerPriorityIds}
                  />
                )}
              </QueryView>
            )}
          </QueryView>
        )}
      </QueryView>
    </Stack>
  );
}

function NewTicketForm({
  departments,
  priorities,
  customerPriorityIds,
}: {
  departments: Department[];
  priorities: TicketPriority[];
  customerPriorityIds: string[];
}) {
  const { t } = useTranslation('tickets');
  const idempotencyKey = useMemo(() => randomId(), []);
  const create = useCreateTicket(idempotencyKey);
  const navigate = useNavigate();
  const user = useUser();
  const staff = isStaff(user);
  const onBehalf = staff && can(user, 'users.view');
  // Customers choose among the priorities the settings offer them (the server refuses others).
  const offered = staff ? priorities : priorities.filter((p) => customerPriorityIds.includes(p.id));
  const [files, setFiles] = useState<File[]>([]);
  const { newTicketSubjectHelp, newTicketFields, newTicketAddons } = useFeatureSlots();
  const [customFields, setCustomFields] = useState<CustomFieldValues>({});
  const hooks = useRef<ComposerHooks>({});
  const [progress, setProgress] = useState<number | null>(null);
  const form = useBodyForm(
    createTicketBodySchema,
    {
      subject: '',
      description: '',
      // With one department there is nothing to choose.
      departmentId: departments.length === 1 ? (departments[0]?.id ?? '') : '',
      priorityId: offered.find((p) => p.isDefault)?.id ?? '',
      customerId: null as string | null,
    },
    ({ priorityId, customerId, ...ticket }) => ({
      ...ticket,
      priorityId: priorityId || undefined,
      // Staff filing for a customer; none: the caller.
      customerId: customerId || undefined,
    }),
  );
  const sentences = {
    departmentId: t('new.errors.departmentId'),
    subject: t('new.errors.subject'),
    description: t('new.errors.description'),
    priorityId: t('new.errors.priorityId'),
    customerId: t('new.errors.customerId'),
  };
  /** A field's props with its error said as a sentence about it. */
  const field = (name: keyof typeof form.values & keyof typeof sentences) =>
    withSentence(form.getInputProps(name), sentences[name]);

  // The ticket and its files go in one request; on failure the form stays as it was.
  const submit = form.onSubmit((body) => {
    if (files.length > 0) setProgress(0);
    create.mutate(
      { body: Object.keys(customFields).length ? { ...body, customFields } : body, files, onProgress: setProgress },
      {
        onSuccess: ({ ticket }) => {
          hooks.current.sent?.();
          navigate(paths.ticket(ticket.id));
        },
        onError: (error) => {
          setProgress(null);
          showFieldErrors(form)(error);
        },
      },
    );
  });

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          {onBehalf && <CustomerPicker {...field('customerId')} />}
          <Select
            label={t('new.department')}
            required
            placeholder={t('new.departmentPlaceholder')}
            data={toOptions(departments)}
            allowDeselect={false}
            {...field('departmentId')}
          />
          {offered.length > 0 && (
            <Select
              label={t('new.priority')}
              data={toOptions(offered)}
              allowDeselect={false}
              {...field('priorityId')}
            />
          )}
          <TextInput label={t('new.subject')} required maxLength={200} {...field('subject')} />
          {!isStaff(user) && newTicketSubjectHelp?.(form.values.subject)}
          <Textarea
            label={t('new.description')}
            description={t('new.descriptionHint')}
            required
            autosize
            minRows={6}
            maxRows={20}
            {...field('description')}
          />
          {newTicketFields?.({
            departmentId: form.values.departmentId,
            values: customFields,
            onChange: setCustomFields,
            error: create.error,
          })}
          <FilePicker files={files} onChange={setFiles} progress={progress} disabled={create.isPending} />
          {newTicketAddons?.({
            subject: form.values.subject,
            body: form.values.description,
            restore: (draft) => form.setValues({ subject: draft.subject, description: draft.body }),
            hooks,
          })}
          <FormSubmit mutation={create} form={form} w="fit-content">
            {t('new.submit')}
          </FormSubmit>
        </Stack>
      </form>
    </Paper>
  );
}
