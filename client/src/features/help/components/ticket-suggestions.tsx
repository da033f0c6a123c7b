import { Anchor, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { QueryView } from '../../../components/ui/states';
import { paths } from '../../../config/paths';
import { useArticle } from '../api/get-article';
import { useSuggestions } from '../api/get-suggestions';
import { recordSuggestionOpened } from '../api/record-suggestion-opened';
import { ArticleBody } from './article-body';

/**
 * Deflection: while a customer types a new ticket's subject, articles that may answer it. Opening
 * one is recorded (POST …/suggestion-opened); whether a ticket follows is counted by the server.
 */
export function TicketSuggestions({ subject }: { subject: string }) {
  const { t } = useTranslation('help');
  const [debounced] = useDebouncedValue(subject.trim(), 400);
  const suggestions = useSuggestions(debounced);
  const [open, setOpen] = useState<string | null>(null);
  if (!suggestions.data?.length) return null;
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-blue-light)" data-testid="ticket-suggestions">
      <Text size="sm" fw={500} mb={4}>
        {t('suggest.title')}
      </Text>
      <Stack gap={2}>
        {suggestions.data.map((a) => (
          <Anchor
            key={a.id}
            component="button"
            type="button"
            size="sm"
            ta="left"
            className="user-text"
            onClick={() => {
              setOpen(a.id);
              void recordSuggestionOpened(a.id).catch(() => undefined);
            }}
          >
            {a.title}
          </Anchor>
        ))}
      </Stack>
      {open && <SuggestionModal id={open} onClose={() => setOpen(null)} />}
    </Paper>
  );
}

function SuggestionModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('help');
  const article = useArticle(id);
  const navigate = useNavigate();
  return (
    <Modal opened onClose={onClose} size="lg" title={article.data?.title} classNames={{ title: 'user-text' }}>
      <QueryView query={article}>
        {(a) => (
          <Stack>
            <ArticleBody html={a.html} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('suggest.stillNeedHelp')}
              </Button>
              <Button onClick={() => navigate(paths.help.article(a.id, a.slug))}>{t('suggest.solved')}</Button>
            </Group>
          </Stack>
        )}
      </QueryView>
    </Modal>
  );
}
