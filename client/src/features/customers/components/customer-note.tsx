import type { CustomerNote } from '@helpdesk/contract';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/ui/notify';
import { FormError } from '../../../components/ui/states';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useSaveNote } from '../api/save-note';

/** The private staff note about a customer: plain text, editable with customers.manage. */
export function CustomerNoteEditor({
  customerId,
  note,
  canEdit,
}: {
  customerId: string;
  note: CustomerNote;
  canEdit: boolean;
}) {
  const { t } = useTranslation('customers');
  const [draft, setDraft] = useState<string | null>(null);
  const save = useSaveNote(customerId);
  const footer = note.updatedAt && (
    <Text size="xs" c="dimmed">
      {t('note.updated', { name: note.updatedBy?.name ?? t('note.someone') })} <TimeAgo value={note.updatedAt} />
    </Text>
  );

  if (draft === null) {
    return (
      <Stack gap={4}>
        <Text size="sm" c={note.body ? undefined : 'dimmed'} className="user-text" data-testid="customer-note">
          {note.body || t('note.empty')}
        </Text>
        {footer}
        {canEdit && (
          <Group>
            <Button size="compact-xs" variant="default" onClick={() => setDraft(note.body)}>
              {t('note.edit')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <Textarea
        label={t('note.label')}
        description={t('note.private')}
        autosize
        minRows={3}
        maxLength={10_000}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
      />
      <FormError error={save.error} />
      <Group gap="xs">
        <Button
          size="xs"
          loading={save.isPending}
          onClick={() =>
            save.mutate(draft, {
              onSuccess: () => {
                setDraft(null);
                notifySuccess(t('note.saved'));
              },
            })
          }
        >
          {t('note.save')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setDraft(null)}>
          {t('note.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
