import { createTicketBodySchema, type Department, type TicketPriority } from '@helpdesk/contract';
import { Alert, Button, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { FormError, QueryView } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { useDepartments } from '../../lib/api/get-departments';
import { usePriorities } from '../../lib/api/get-priorities';
import { useUser } from '../../lib/auth';
import { submitTo, useBodyForm } from '../../lib/form';
import { randomId } from '../../lib/id';
import { toOptions } from '../../lib/options';
import { can, isStaff } from '../../lib/permissions';
import { useFeatureSlots } from '../../lib/slots';
import { useCreateTicket } from './api/create-ticket';
import { uploadAttachments } from './api/upload-attachments';
import { CustomerPicker } from './components/customer-picker';
import { FilePicker } from './components/file-picker';

export default function NewTicketPage() {
  const departments = useDepartments();
  const priorities = usePriorities();
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        New ticket
      </Title>
      <QueryView query={departments}>
        {(departmentList) => (
          <QueryView query={priorities}>
            {(priorityList) => (
              <NewTicketForm departments={departmentList.filter((d) => d.isActive)} priorities={priorityList} />
            )}
          </QueryView>
        )}
      </QueryView>
    </Stack>
  );
}

function NewTicketForm({ departments, priorities }: { departments: Department[]; priorities: TicketPriority[] }) {
  const idempotencyKey = useMemo(() => randomId(), []);
  const create = useCreateTicket(idempotencyKey);
  const navigate = useNavigate();
  const user = useUser();
  const onBehalf = isStaff(user) && can(user, 'users.view');
  const [files, setFiles] = useState<File[]>([]);
  const { newTicketSubjectHelp } = useFeatureSlots();
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<{ ticketId: string; error: unknown } | null>(null);
  const form = useBodyForm(
    createTicketBodySchema,
    {
      subject: '',
      description: '',
      // With one department there is nothing to choose.
      departmentId: departments.length === 1 ? (departments[0]?.id ?? '') : '',
      priorityId: priorities.find((p) => p.isDefault)?.id ?? '',
      customerId: null as string | null,
    },
    ({ priorityId, customerId, ...ticket }) => ({
      ...ticket,
      priorityId: priorityId || undefined,
      // Staff filing for a customer; none: the caller.
      customerId: customerId || undefined,
    }),
  );

  /** Files go up once the ticket exists; if they fail, the ticket stays filed and says so. */
  async function attachFiles(ticketId: string) {
    if (files.length > 0) {
      setProgress(0);
      try {
        await uploadAttachments(ticketId, files, setProgress);
      } catch (error) {
        setUploadError({ ticketId, error });
        return;
      }
    }
    navigate(paths.ticket(ticketId));
  }

  return (
    <>
      {uploadError ? (
        <Alert color="orange" title="Your ticket was filed, but the files were not attached">
          <Stack gap="xs" align="flex-start">
            <FormError error={uploadError.error} />
            <Button size="xs" onClick={() => navigate(paths.ticket(uploadError.ticketId))}>
              Open the ticket
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <Paper withBorder p="md">
        <form onSubmit={submitTo(form, create, ({ ticket }) => attachFiles(ticket.id))} noValidate>
          <Stack>
            {onBehalf && <CustomerPicker {...form.getInputProps('customerId')} />}
            <Select
              label="Department"
              required
              placeholder="Choose who should help"
              data={toOptions(departments)}
              allowDeselect={false}
              {...form.getInputProps('departmentId')}
            />
            <Select
              label="Priority"
              data={toOptions(priorities)}
              allowDeselect={false}
              {...form.getInputProps('priorityId')}
            />
            <TextInput label="Subject" required maxLength={200} {...form.getInputProps('subject')} />
            {!isStaff(user) && newTicketSubjectHelp?.(form.values.subject)}
            <Textarea
              label="Description"
              description="What happened, what you expected, and anything you already tried"
              required
              autosize
              minRows={6}
              maxRows={20}
              {...form.getInputProps('description')}
            />
            <FilePicker
              files={files}
              onChange={setFiles}
              progress={progress}
              disabled={create.isPending || progress !== null}
            />
            <FormSubmit
              mutation={{ error: create.error, isPending: create.isPending || (progress !== null && !uploadError) }}
              form={form}
              w="fit-content"
            >
              Submit ticket
            </FormSubmit>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
