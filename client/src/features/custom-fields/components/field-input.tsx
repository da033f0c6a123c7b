import type { CustomField, CustomFieldValue } from '@helpdesk/contract';
import { Checkbox, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';

/** Options a value may take: the active ones, plus retired ones the value already holds. */
function optionsFor(field: CustomField, value: CustomFieldValue) {
  const held = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return field.options.filter((o) => !o.retired || held.includes(o.id)).map((o) => ({ value: o.id, label: o.label }));
}

/** One custom field's input, by its type; labels and help text are the admin's (user text, shown as text). */
export function FieldInput({
  field,
  value,
  onChange,
  error,
  disabled,
  required,
}: {
  field: CustomField;
  value: CustomFieldValue;
  onChange: (value: CustomFieldValue) => void;
  error?: string;
  disabled?: boolean;
  required?: boolean;
}) {
  const common = { label: field.label, description: field.helpText || undefined, error, disabled, required };
  switch (field.type) {
    case 'text':
      return (
        <TextInput
          {...common}
          maxLength={1000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={8}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? null : Number(v))}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          description={field.helpText || undefined}
          error={error}
          disabled={disabled}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          clearable
          data={optionsFor(field, value)}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
        />
      );
    case 'multi_select':
      return (
        <MultiSelect
          {...common}
          clearable
          data={optionsFor(field, value)}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v)}
        />
      );
  }
}

/** The server's complaints about custom fields (422 details `body.customFields.<key>`), by key. */
export function fieldErrors(error: unknown, say: (message: string) => string): Record<string, string> {
  const details = (error as { details?: { path: string; message: string }[] } | null)?.details ?? [];
  const out: Record<string, string> = {};
  for (const d of details) {
    const m = /^body\.customFields\.(.+)$/.exec(d.path);
    if (m?.[1]) out[m[1]] = say(d.message);
  }
  return out;
}
