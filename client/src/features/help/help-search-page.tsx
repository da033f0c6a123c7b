import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { QueryView } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { useUser } from '../../lib/auth';
import { can } from '../../lib/permissions';
import { useArticles } from './api/list-articles';
import { ArticleList } from './components/article-list';
import { HelpSearchBox } from './components/help-search-box';

/** Full-text search over the articles the reader may see, best first, with highlighted snippets. */
export default function HelpSearchPage() {
  const { t } = useTranslation('help');
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const user = useUser();
  const results = useArticles({ q, limit: 50 }, q.length > 0);
  return (
    <Stack maw={800}>
      <Anchor component={Link} to={paths.help.home} size="sm">
        ← {t('search.back')}
      </Anchor>
      <PageHeader title={t('search.title')} />
      <HelpSearchBox key={q} initial={q} />
      {q && (
        <QueryView query={results} empty={<Text c="dimmed">{t('search.none', { q })}</Text>}>
          {(list) => <ArticleList articles={list} showStatus={can(user, 'kb.write')} />}
        </QueryView>
      )}
    </Stack>
  );
}
