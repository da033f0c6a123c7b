import { Alert, Button, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState, FormError, Loading } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { fieldErrors } from '../../lib/api-client';
import { useUser } from '../../lib/auth';
import { randomId } from '../../lib/id';
import { can, isStaff } from '../../lib/permissions';
import { useDepartments, usePriorities } from '../../lib/reference';
import type { Ticket } from '../../lib/types';
import { uploadAttachments, useCreateTicket } from './api';
import { CustomerPicker } from './components/customer-picker';
import { FilePicker } from './components/file-picker';

export default function NewTicketPage() {
  const departments = useDepartments();
  const priorities = usePriorities();
  const create = useCreateTicket();
  const navigate = useNavigate();
  // One key per form: a double submit or a retry after a timeout files one ticket.
  const idempotencyKey = useMemo(() => randomId(), []);
  const user = useUser();
  const onBehalf = isStaff(user) && can(user, 'users.view');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [form, setForm] = useState({ subject: '', description: '', departmentId: '', priorityId: '' });
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<{ ticketId: string; error: unknown } | null>(null);
  const errors = fieldErrors(create.error);

  if (departments.isPending || priorities.isPending) return <Loading />;
  if (departments.isError) return <ErrorState error={departments.error} onRetry={() => departments.refetch()} />;

  const activeDepartments = departments.data.filter((d) => d.isActive);
  const defaultPriority = priorities.data?.find((p) => p.isDefault)?.id ?? '';

  function submit(e: FormEvent) {
    e.preventDefault();
    const departmentId = form.departmentId || (activeDepartments.length === 1 ? (activeDepartments[0]?.id ?? '') : '');
    create.mutate(
      {
        body: {
          subject: form.subject,
          description: form.description,
          departmentId,
          ...(form.priorityId ? { priorityId: form.priorityId } : {}),
          ...(customerId ? { customerId } : {}),
        },
        idempotencyKey,
      },
      {
        onSuccess: async (data) => {
          const ticket = 'ticket' in data ? data.ticket : (data as Ticket);
          if (files.length > 0) {
            setProgress(0);
            try {
              await uploadAttachments(ticket.id, files, setProgress);
            } catch (error) {
              setUploadError({ ticketId: ticket.id, error });
              return;
            }
          }
          navigate(paths.ticket(ticket.id));
        },
      },
    );
  }

  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        New ticket
      </Title>
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
        <form onSubmit={submit} noValidate>
          <Stack>
            {onBehalf && <CustomerPicker value={customerId} onChange={setCustomerId} error={errors.customerId} />}
            <Select
              label="Department"
              required
              placeholder="Choose who should help"
              data={activeDepartments.map((d) => ({ value: d.id, label: d.name }))}
              value={form.departmentId || (activeDepartments.length === 1 ? (activeDepartments[0]?.id ?? null) : null)}
              onChange={(v) => setForm({ ...form, departmentId: v ?? '' })}
              error={errors.departmentId}
              allowDeselect={false}
            />
            <Select
              label="Priority"
              data={(priorities.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={form.priorityId || defaultPriority || null}
              onChange={(v) => setForm({ ...form, priorityId: v ?? '' })}
              error={errors.priorityId}
              allowDeselect={false}
            />
            <TextInput
              label="Subject"
              required
              maxLength={200}
              value={form.subject}
              onChange={(e) => setForm({ ...form, subject: e.currentTarget.value })}
              error={errors.subject}
            />
            <Textarea
              label="Description"
              description="What happened, what you expected, and anything you already tried"
              required
              autosize
              minRows={6}
              maxRows={20}
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
              error={errors.description}
            />
            <FilePicker
              files={files}
              onChange={setFiles}
              progress={progress}
              disabled={create.isPending || progress !== null}
            />
            {Object.keys(errors).length === 0 && <FormError error={create.error} />}
            <Button type="submit" w="fit-content" loading={create.isPending || (progress !== null && !uploadError)}>
              Submit ticket
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
