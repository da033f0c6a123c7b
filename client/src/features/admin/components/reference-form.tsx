import { ColorInput, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('admin');
  return (
    <EntityFormModal
      title={editing ? t('statuses.editTitle', { name: editing }) : t(`statuses.newTitle.${noun}`)}
      form={form}
      {...saving}
      savedMessage={t('statuses.saved')}
      onClose={onClose}
    >
      <TextInput label={t('common.name')} required {...fields.getInputProps('name')} />
      <ColorInput label={t('statuses.colour')} format="hex" {...fields.getInputProps('color')} />
      {children}
      <Switch
        label={t(`statuses.defaultSwitch.${noun}`)}
        {...fields.getInputProps('isDefault', { type: 'checkbox' })}
      />
      <Text size="xs" c="dimmed">
        {t(`statuses.defaultHint.${noun}`)}
      </Text>
    </EntityFormModal>
  );
}
