import type { KbArticleSummary } from '@helpdesk/contract';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Highlighted } from '../../../components/ui/highlighted';
import { paths } from '../../../config/paths';
import { parseSnippet } from '../../../lib/highlight';

/** Articles as links, with the search snippet (markers become <mark>, the rest stays text). */
export function ArticleList({ articles, showStatus = false }: { articles: KbArticleSummary[]; showStatus?: boolean }) {
  const { t } = useTranslation('help');
  return (
    <Stack gap="sm" data-testid="article-list">
      {articles.map((a) => (
        <Stack key={a.id} gap={2}>
          <Group gap="xs">
            <Anchor component={Link} to={paths.help.article(a.id, a.slug)} fw={500} className="user-text">
              {a.title}
            </Anchor>
            {showStatus && a.status !== 'published' && (
              <Badge size="xs" variant="light" color="gray">
                {t(`article.status.${a.status}`)}
              </Badge>
            )}
            {showStatus && a.visibility === 'staff' && (
              <Badge size="xs" variant="light" color="yellow">
                {t('article.visibility.staff')}
              </Badge>
            )}
          </Group>
          {a.snippet && (
            <Text size="sm" c="dimmed" lineClamp={2} className="user-text" data-testid="snippet">
              <Highlighted segments={parseSnippet(a.snippet)} />
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
