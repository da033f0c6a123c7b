import { MultiSelect } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePriorities } from '../../../lib/api/get-priorities';
import { usePublicSettings } from '../../../lib/api/get-public-settings';
import { toOptions } from '../../../lib/options';

/**
 * The `customerPriorityIds` setting: which priorities customers may choose when they file a
 * ticket. Unset (null), it shows what the server offers by default (all but the highest level).
 */
export function CustomerPrioritiesField({
  value,
  onChange,
  error,
}: {
  value?: string[] | null;
  onChange: (ids: string[] | null) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation('tickets');
  const priorities = usePriorities();
  const offered = usePublicSettings().data?.customerPriorityIds;
  return (
    <MultiSelect
      label={t('settings.customerPriorities')}
      description={t('settings.customerPrioritiesHint')}
      data={toOptions(priorities.data)}
      value={value ?? offered ?? []}
      onChange={onChange}
      error={error}
      data-testid="customer-priorities"
    />
  );
}
