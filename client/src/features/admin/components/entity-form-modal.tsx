import { Button, Group, Modal, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../components/ui/notify';
import { FormError } from '../../../components/ui/states';
import { showFieldErrors } from '../../../lib/form';

/** How an entity form saves: `onSave` sends the body and resolves with the saved entity. */
export interface EntitySave<B, T = unknown> {
  onSave: (body: B) => Promise<T>;
  pending: boolean;
  error: unknown;
}

interface Mutation<TVars, T> {
  mutateAsync: (vars: TVars) => Promise<T>;
  isPending: boolean;
  error: unknown;
}

/** Saving with a create and an update mutation: creates the entity, or updates the one with `id`. */
export function createOrUpdate<B, T>(
  create: Mutation<B, T>,
  update: Mutation<B & { id: string }, T>,
  id: string | undefined,
): EntitySave<B, T> {
  return {
    onSave: (body) => (id ? update.mutateAsync({ id, ...body }) : create.mutateAsync(body)),
    pending: create.isPending || update.isPending,
    error: create.error ?? update.error,
  };
}

/**
 * The create/edit dialog of the admin lists: the fields, an error about the whole form, Cancel
 * and Save. Once saved it says so and closes; the API's field errors go next to the fields.
 */
export function EntityFormModal<V extends Record<string, unknown>, B>({
  title,
  form,
  onSave,
  pending,
  error,
  savedMessage,
  onClose,
  submitLabel,
  children,
}: EntitySave<B> & {
  title: string;
  form: UseFormReturnType<V, B>;
  savedMessage: string;
  onClose: () => void;
  submitLabel?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('admin');
  const submit = (body: B) =>
    onSave(body).then(() => {
      notifySuccess(savedMessage);
      onClose();
    }, showFieldErrors(form));
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={form.onSubmit(submit)}>
        <Stack>
          {children}
          <FormError error={error} values={form.values} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
