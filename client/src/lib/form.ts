import { type FormErrors, type UseFormReturnType, useForm } from '@mantine/form';
import type { ZodType } from 'zod';
import { fieldErrors } from './api-client';
import { type FieldMessage, issueSentence } from './field-messages';

export type { FieldMessage } from './field-messages';

/** Per field, what to say instead of the generic sentences (see FieldMessage). */
export type FieldMessages<V> = Partial<Record<keyof V & string, FieldMessage>>;

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Checks a body with a contract schema: the first problem of each field, as a sentence about it. */
export function checkBody(
  schema: ZodType,
  body: unknown,
  messages: Partial<Record<string, FieldMessage>> = {},
): FormErrors {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    if (key in errors) continue;
    errors[key] = issueSentence(issue, valueAt(body, issue.path), messages[String(issue.path[0])]);
  }
  return errors;
}

/**
 * A form checked with a contract body schema before anything is sent: the server's own rules,
 * worded as sentences about the fields (lib/field-messages.ts), in the user's language.
 * `toBody` turns the values into the body (say, an empty optional field into none); the submit
 * handler gets the body. `messages` words what a field needs: `{ departmentId: { required:
 * t('…chooseDepartment') } }`.
 */
export function useBodyForm<V extends Record<string, unknown>>(
  schema: ZodType,
  initialValues: V,
  messages?: FieldMessages<V>,
): UseFormReturnType<V>;
export function useBodyForm<V extends Record<string, unknown>, B>(
  schema: ZodType,
  initialValues: V,
  toBody: (values: V) => B,
  messages?: FieldMessages<V>,
): UseFormReturnType<V, B>;
export function useBodyForm<V extends Record<string, unknown>>(
  schema: ZodType,
  initialValues: V,
  toBodyOrMessages?: ((values: V) => unknown) | FieldMessages<V>,
  messages?: FieldMessages<V>,
) {
  const toBody = typeof toBodyOrMessages === 'function' ? toBodyOrMessages : (values: V) => values;
  const fieldMessages: Partial<Record<string, FieldMessage>> =
    (typeof toBodyOrMessages === 'object' ? toBodyOrMessages : messages) ?? {};
  return useForm({
    initialValues,
    transformValues: toBody,
    validate: (values: V) => checkBody(schema, toBody(values), fieldMessages),
  });
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
