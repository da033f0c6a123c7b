import type { ReactNode } from 'react';

/**
 * A field's input props with its error, if it has one, said as `sentence`: a sentence about that
 * field ("Choose a department") instead of the validator's or the server's text, which stays
 * machine-readable in the API's `details` (issue 15).
 */
export function withSentence<P extends { error?: ReactNode }>(props: P, sentence: string): P {
  return props.error ? { ...props, error: sentence } : props;
}
