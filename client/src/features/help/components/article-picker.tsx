import { Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paths } from '../../../config/paths';
import { useUser } from '../../../lib/auth';
import { isStaff } from '../../../lib/permissions';
import { getArticle } from '../api/get-article';
import { useArticles } from '../api/list-articles';

/** For the ticket composer: search articles and insert a link to one, or its text. */
export function ArticlePicker({ onInsert }: { onInsert: (text: string) => void }) {
  const { t } = useTranslation('help');
  const user = useUser();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  // Published articles the customer may read: agents link what the customer can open.
  const results = useArticles({ q: debounced, status: 'published', limit: 8 }, opened && debounced.length > 1);

  // Agents pick articles for customers; customers' own composer shows no picker.
  if (!isStaff(user)) return null;

  const insertLink = (id: string, title: string, slug: string) => {
    onInsert(`[${title}](${window.location.origin}${paths.help.article(id, slug)})`);
    setOpened(false);
  };
  const insertText = async (id: string) => {
    onInsert((await getArticle(id)).body);
    setOpened(false);
  };

  return (
    <Popover opened={opened} onChange={setOpened} width={380} position="top-start" withinPortal trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" onClick={() => setOpened((o) => !o)} data-testid="insert-article">
          {t('composer.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <TextInput
            size="xs"
            label={t('composer.search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            data-autofocus
          />
          {results.data?.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('composer.none')}
            </Text>
          )}
          {results.data?.map((a) => (
            <Group key={a.id} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" truncate className="user-text">
                {a.title}
              </Text>
              <Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="light" onClick={() => insertLink(a.id, a.title, a.slug)}>
                  {t('composer.insertLink')}
                </Button>
                <Button size="compact-xs" variant="default" onClick={() => void insertText(a.id)}>
                  {t('composer.insertText')}
                </Button>
              </Group>
            </Group>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
