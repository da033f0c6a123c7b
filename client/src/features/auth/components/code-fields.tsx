import { Anchor, TextInput, type TextInputProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * The code field of every two-factor form: six digits from the app, or (with `recovery`) a
 * recovery code. `one-time-code` lets phones offer a code they received.
 */
export function CodeField({ recovery = false, ...props }: { recovery?: boolean } & TextInputProps) {
  const { t } = useTranslation('auth');
  return recovery ? (
    <TextInput
      label={t('twoFactor.recoveryCode')}
      description={t('twoFactor.recoveryCodeHint')}
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      required
      {...props}
    />
  ) : (
    <TextInput
      label={t('twoFactor.code')}
      description={t('twoFactor.codeHint')}
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
/** What the code fields say when left empty or wrong. */
export const codeMessages = (t: TFunction<'auth'>) => ({
  code: { required: t('twoFactor.enterTheCode'), invalid: t('twoFactor.enterTheCode') },
  recoveryCode: { required: t('twoFactor.enterRecoveryCode'), invalid: t('twoFactor.enterRecoveryCode') },
});

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
  const { t } = useTranslation('auth');
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
        {recovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
      </Anchor>
    </>
  );
}
