import { Button, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormError } from './states';

/** The end of a form: what went wrong with the whole form (see FormError), above its submit button. */
export function FormSubmit({
  mutation,
  form,
  children,
  ...buttonProps
}: {
  /** What the form sends its body with. */
  mutation: { error: unknown; isPending: boolean };
  form: { values: object };
  children: ReactNode;
} & ButtonProps) {
  return (
    <>
      <FormError error={mutation.error} values={form.values} />
      <Button type="submit" loading={mutation.isPending} {...buttonProps}>
        {children}
      </Button>
    </>
  );
}
