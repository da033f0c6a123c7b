import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';

/** The help centre's search field: goes to the search page. */
export function HelpSearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation('help');
  const [q, setQ] = useState(initial);
  const navigate = useNavigate();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate(paths.help.search(q.trim()));
      }}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          flex={1}
          label={t('home.searchLabel')}
          placeholder={t('home.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maxLength={200}
        />
        <Button type="submit">{t('home.search')}</Button>
      </Group>
    </form>
  );
}
