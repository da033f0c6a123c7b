import i18next from 'i18next';
import type { core } from 'zod';

/**
 * What a form may say about one of its fields instead of the generic sentences: `required` when
 * it is left empty ("Choose a department"), `invalid` for any other problem with it.
 */
export interface FieldMessage {
  required?: string;
  invalid?: string;
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * A sentence about a field for one zod issue, in the user's language: never the validator's own
 * text ("Too small: expected string to have >=1 characters", "Invalid UUID"), which stays in
 * the server's `details`. `value` is the field's value; an empty one is "required".
 */
export function issueSentence(issue: core.$ZodIssue, value: unknown, message: FieldMessage = {}): string {
  const t = i18next.t;
  if (isEmpty(value))
    return message.required ?? t(issue.code === 'invalid_value' ? 'errors:field.choose' : 'errors:field.required');
  if (message.invalid) return message.invalid;
  switch (issue.code) {
    case 'too_small': {
      const count = Number(issue.minimum);
      if (issue.origin === 'string') return t('errors:field.tooShort', { count });
      if (issue.origin === 'array' || issue.origin === 'set') return t('errors:field.tooFew', { count });
      return t('errors:field.atLeast', { minimum: count });
    }
    case 'too_big': {
      const count = Number(issue.maximum);
      if (issue.origin === 'string') return t('errors:field.tooLong', { count });
      if (issue.origin === 'array' || issue.origin === 'set') return t('errors:field.tooMany', { count });
      return t('errors:field.atMost', { maximum: count });
    }
    case 'invalid_format':
      if (issue.format === 'email') return t('errors:field.email');
      if (issue.format === 'url') return t('errors:field.url');
      // An id, a date … that the user did not type: they pick it from a list.
      return t('errors:field.choose');
    case 'invalid_type':
      if (issue.expected === 'int') return t('errors:field.wholeNumber');
      if (issue.expected === 'number') return t('errors:field.number');
      return t('errors:field.invalid');
    case 'invalid_value':
      return t('errors:field.choose');
    default:
      return t('errors:field.invalid');
  }
}
