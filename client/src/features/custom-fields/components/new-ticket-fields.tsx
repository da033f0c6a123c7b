import type { CustomFieldValues } from '@helpdesk/contract';
import { Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../lib/auth';
import { isStaff } from '../../../lib/permissions';
import { useFields } from '../api/list-fields';
import { FieldInput, fieldErrors } from './field-input';

/**
 * The custom fields of a new ticket for the chosen department: for customers the ones they may
 * fill in, for staff all. `error`: the create's failure, whose details name fields by key.
 */
export function NewTicketFields({
  departmentId,
  values,
  onChange,
  error,
}: {
  departmentId: string;
  values: CustomFieldValues;
  onChange: (values: CustomFieldValues) => void;
  error: unknown;
}) {
  const { t } = useTranslation('fields');
  const staff = isStaff(useUser());
  const fields = useFields({ departmentId, enabled: !!departmentId });
  const shown = (fields.data ?? []).filter((f) => staff || f.customerEditable);
  // Another department: drop the values of fields that do not apply to it (the server refuses them).
  const shownKeys = shown.map((f) => f.key).join(',');
  useEffect(() => {
    const keep = Object.entries(values).filter(([k]) => shownKeys.split(',').includes(k));
    if (keep.length !== Object.keys(values).length) onChange(Object.fromEntries(keep));
  }, [shownKeys, values, onChange]);
  if (!departmentId || shown.length === 0) return null;
  const errors = fieldErrors(error, (m) => (m === 'Required' ? t('required') : t('invalid')));
  return (
    <Stack gap="sm" data-testid="new-ticket-custom-fields">
      {shown.map((f) => (
        <FieldInput
          key={f.id}
          field={f}
          value={values[f.key] ?? null}
          required={f.requiredOnCreate}
          error={errors[f.key]}
          onChange={(v) => onChange({ ...values, [f.key]: v })}
        />
      ))}
    </Stack>
  );
}
