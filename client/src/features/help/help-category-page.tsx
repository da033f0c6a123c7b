import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { useUser } from '../../lib/auth';
import { can } from '../../lib/permissions';
import { useCategories } from './api/get-categories';
import { useArticles } from './api/list-articles';
import { ArticleList } from './components/article-list';

/** One category: its subcategories and its articles. */
export default function HelpCategoryPage() {
  const { t } = useTranslation('help');
  const { id = '' } = useParams();
  const user = useUser();
  const categories = useCategories();
  const articles = useArticles({ categoryId: id, limit: 100 });
  const category = categories.data?.find((c) => c.id === id);
  if (categories.data && !category) return <Empty title={t('category.notFound')} />;
  return (
    <Stack maw={800}>
      <Anchor component={Link} to={paths.help.home} size="sm">
        ← {t('search.back')}
      </Anchor>
      <PageHeader title={category?.name ?? ''} />
      {category?.description && <Text className="user-text">{category.description}</Text>}
      {categories.data
        ?.filter((c) => c.parentId === id)
        .map((c) => (
          <Anchor key={c.id} component={Link} to={paths.help.category(c.id)} className="user-text">
            {c.name} ({c.articleCount})
          </Anchor>
        ))}
      <QueryView query={articles} empty={<Text c="dimmed">{t('category.empty')}</Text>}>
        {(list) => <ArticleList articles={list} showStatus={can(user, 'kb.write')} />}
      </QueryView>
    </Stack>
  );
}
