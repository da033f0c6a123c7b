import { ColorInput, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { EntityFormModal, type EntitySave } from './entity-form-modal';

type ReferenceValues = { name: string; color: string; isDefault: boolean };

/**
 * The dialog of a status or a priority: the fields they share around the one (`children`) that
 * sets them apart.
 */
export function ReferenceFormModal<V extends ReferenceValues, B>({
  noun,
  editing,
  form,
  saving,
  onClose,
  children,
}: {
  noun: 'status' | 'priority';
  /** The name of the one being edited; none for a new one. */
  editing: string | undefined;
  form: UseFormReturnType<V, B>;
  saving: EntitySave<B>;
  onClose: () => void;
  children: ReactNode;
}) {
  const fields: UseFormReturnType<ReferenceValues, B> = form;
  return (
    <EntityFormModal
      title={editing ? `Edit ${editing}` : `New ${noun}`}
      form={form}
      {...saving}
      savedMessage="Saved"
      onClose={onClose}
    >
      <TextInput label="Name" required {...fields.getInputProps('name')} />
      <ColorInput label="Colour" format="hex" {...fields.getInputProps('color')} />
      {children}
      <Switch label={`Default ${noun}`} {...fields.getInputProps('isDefault', { type: 'checkbox' })} />
      <Text size="xs" c="dimmed">
        Exactly one {noun} is the default; choosing a new default replaces the old one.
      </Text>
    </EntityFormModal>
  );
}
