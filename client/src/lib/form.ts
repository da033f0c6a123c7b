import { type FormErrors, schemaResolver, type UseFormReturnType, useForm } from '@mantine/form';
import { fieldErrors } from './api-client';

type BodySchema = Parameters<typeof schemaResolver>[0];

/**
 * A form checked with a contract body schema before anything is sent: the server's own rules and
 * messages, next to the fields. `toBody` turns the values into the body (say, an empty optional
 * field into none); the submit handler gets the body.
 */
export function useBodyForm<V extends Record<string, unknown>>(
  schema: BodySchema,
  initialValues: V,
): UseFormReturnType<V>;
export function useBodyForm<V extends Record<string, unknown>, B>(
  schema: BodySchema,
  initialValues: V,
  toBody: (values: V) => B,
): UseFormReturnType<V, B>;
export function useBodyForm<V extends Record<string, unknown>>(
  schema: BodySchema,
  initialValues: V,
  toBody: (values: V) => unknown = (values) => values,
) {
  const check = schemaResolver(schema, { sync: true });
  return useForm({ initialValues, transformValues: toBody, validate: (values: V) => check(toBody(values)) });
}

/** For `onError`: puts the API's field errors (`body.subject`) next to their fields. */
export const showFieldErrors =
  (form: { setErrors: (errors: FormErrors) => void }) =>
  (error: unknown): void =>
    form.setErrors(fieldErrors(error));

/** The mutation a form sends its body with (TanStack's `useMutation` result). */
interface BodyMutation<B, T> {
  mutate: (body: B, callbacks: { onSuccess?: (data: T) => void; onError: (error: unknown) => void }) => void;
}

/**
 * The form's submit handler: checks the values, then sends the body with `mutation`; the API's
 * field errors go next to their fields.
 */
export const submitTo = <V, B, T>(
  form: UseFormReturnType<V, B>,
  mutation: BodyMutation<B, T>,
  onSuccess?: (data: T) => void,
) => form.onSubmit((body) => mutation.mutate(body, { onSuccess, onError: showFieldErrors(form) }));
