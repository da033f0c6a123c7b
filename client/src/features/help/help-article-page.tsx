import type { KbArticle } from '@helpdesk/contract';
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { notifyError } from '../../components/ui/notify';
import { ErrorState, Loading } from '../../components/ui/states';
import { TimeAgo } from '../../components/ui/time-ago';
import { paths } from '../../config/paths';
import { useArticle } from './api/get-article';
import { useVote } from './api/vote';
import { ArticleBody } from './components/article-body';

/**
 * An article at `/help/<id>-<slug>`. Any other address of it (an id alone, an old slug, a changed
 * title) is replaced by the canonical one the API answers with.
 */
export default function HelpArticlePage() {
  const { ref = '' } = useParams();
  const article = useArticle(ref);
  if (article.isError) return <ErrorState error={article.error} onRetry={() => article.refetch()} />;
  if (!article.data) return <Loading />;
  const a = article.data;
  const canonical = paths.help.article(a.id, a.slug);
  if (paths.help.article(ref) !== canonical) return <Navigate to={canonical} replace />;
  return <ArticleView article={a} queryRef={ref} />;
}

function ArticleView({ article: a, queryRef }: { article: KbArticle; queryRef: string }) {
  const { t } = useTranslation('help');
  const vote = useVote(queryRef);
  const send = (helpful: boolean) => vote.mutate({ id: a.id, helpful }, { onError: notifyError });
  return (
    <Stack maw={800}>
      <Group justify="space-between">
        <Anchor component={Link} to={a.categoryId ? paths.help.category(a.categoryId) : paths.help.home} size="sm">
          ← {t('search.back')}
        </Anchor>
        {a.canEdit && (
          <Button size="xs" variant="default" component={Link} to={paths.help.edit(a.id)}>
            {t('article.edit')}
          </Button>
        )}
      </Group>
      <Title order={1} size="h2" className="user-text" data-testid="article-title">
        {a.title}
      </Title>
      <Group gap="xs">
        {a.status !== 'published' && <Badge color="gray">{t(`article.status.${a.status}`)}</Badge>}
        {a.canEdit && <Badge variant="light">{t(`article.visibility.${a.visibility}`)}</Badge>}
        <Text size="sm" c="dimmed">
          {t('article.updated')} <TimeAgo value={a.updatedAt} />
        </Text>
      </Group>
      <ArticleBody html={a.html} />
      <Paper withBorder p="sm">
        <Group gap="sm">
          <Text size="sm" fw={500}>
            {t('article.helpful')}
          </Text>
          <Button
            size="compact-sm"
            variant={a.myVote === true ? 'filled' : 'default'}
            aria-pressed={a.myVote === true}
            onClick={() => send(true)}
          >
            {t('article.yes')}
          </Button>
          <Button
            size="compact-sm"
            variant={a.myVote === false ? 'filled' : 'default'}
            aria-pressed={a.myVote === false}
            onClick={() => send(false)}
          >
            {t('article.no')}
          </Button>
          {a.myVote !== null && (
            <Text size="sm" c="dimmed" role="status">
              {t('article.thanks')}
            </Text>
          )}
        </Group>
      </Paper>
      {a.stats && (
        <Text size="sm" c="dimmed" data-testid="article-stats">
          {t('article.stats')}:{' '}
          {t('article.statsLine', {
            helpful: a.stats.helpful,
            notHelpful: a.stats.notHelpful,
            opened: a.stats.suggestionOpened,
            notFiled: a.stats.ticketNotFiled,
          })}
        </Text>
      )}
    </Stack>
  );
}
