import type { CustomFieldValue, CustomFieldValues } from '@helpdesk/contract';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../components/ui/notify';
import { useSaveValues } from '../api/save-values';
import { useTicketFields } from '../api/ticket-fields';
import { FieldInput, fieldErrors } from './field-input';

/**
 * A ticket's custom fields (the staff sidebar; for customers the visible ones, editable where
 * allowed): edit several, save them together at the ticket's version. `onSaved` refreshes the
 * ticket (its version and history changed).
 */
export function TicketFieldsPanel({
  ticket,
  onSaved,
}: {
  ticket: { id: string; version: number };
  onSaved: () => void;
}) {
  const { t } = useTranslation('fields');
  const fields = useTicketFields(ticket.id);
  const save = useSaveValues(ticket.id);
  const [edits, setEdits] = useState<CustomFieldValues>({});
  if (!fields.data || fields.data.length === 0) return null;
  const changed = Object.keys(edits).length > 0;
  const errors = fieldErrors(save.error, (m) => (m === 'Required' ? t('required') : t('invalid')));
  const shownValue = (key: string, stored: CustomFieldValue) => (key in edits ? (edits[key] ?? null) : stored);

  return (
    <Paper withBorder p="sm" data-testid="ticket-custom-fields">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            { version: ticket.version, values: edits },
            {
              onSuccess: () => {
                setEdits({});
                onSaved();
              },
              onError: notifyError,
            },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h5">
            {t('panel.title')}
          </Title>
          {fields.data.map((f) => (
            <Stack key={f.id} gap={2}>
              <FieldInput
                field={f}
                value={shownValue(f.key, f.value)}
                disabled={!f.editable || save.isPending}
                required={f.requiredToClose}
                error={errors[f.key]}
                onChange={(v) => setEdits((e) => ({ ...e, [f.key]: v }))}
              />
              {f.requiredToClose && (
                <Text size="xs" c="dimmed">
                  {t('panel.requiredToClose')}
                </Text>
              )}
            </Stack>
          ))}
          {changed && (
            <Button type="submit" size="xs" w="fit-content" loading={save.isPending}>
              {t('panel.save')}
            </Button>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
