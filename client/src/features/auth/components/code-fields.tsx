import { Anchor, TextInput, type TextInputProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

/**
 * The code field of every two-factor form: six digits from the app, or (with `recovery`) a
 * recovery code. `one-time-code` lets phones offer a code they received.
 */
export function CodeField({ recovery = false, ...props }: { recovery?: boolean } & TextInputProps) {
  return recovery ? (
    <TextInput
      label="Recovery code"
      description="One of the codes you saved when you turned two-factor sign-in on"
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      required
      {...props}
    />
  ) : (
    <TextInput
      label="Authentication code"
      description="The six-digit code your authenticator app shows"
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      required
      {...props}
    />
  );
}

/** A form that takes a code from the app or, switched over, a recovery code. */
export type CodeOrRecoveryValues = { code: string; recoveryCode: string; recovery: boolean };

export const noCode: CodeOrRecoveryValues = { code: '', recoveryCode: '', recovery: false };

/** The body's part: `code`, or `recoveryCode` when switched over. */
export const codeOrRecovery = (values: CodeOrRecoveryValues) =>
  values.recovery ? { recoveryCode: values.recoveryCode } : { code: values.code };

/** The code field and "Use a recovery code instead" (and back). */
export function CodeOrRecoveryFields({
  form,
  onSwitch,
}: {
  form: UseFormReturnType<CodeOrRecoveryValues, unknown>;
  onSwitch?: () => void;
}) {
  const { recovery } = form.values;
  return (
    <>
      <CodeField recovery={recovery} {...form.getInputProps(recovery ? 'recoveryCode' : 'code')} />
      <Anchor
        component="button"
        type="button"
        size="sm"
        w="fit-content"
        onClick={() => {
          form.setValues({ ...noCode, recovery: !recovery });
          form.clearErrors();
          onSwitch?.();
        }}
      >
        {recovery ? 'Use the code from your app instead' : 'Use a recovery code instead'}
      </Anchor>
    </>
  );
}
