import type { KbCategory } from '@helpdesk/contract';
import { Anchor, Button, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { Empty, QueryView } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { useUser } from '../../lib/auth';
import { can } from '../../lib/permissions';
import { useCategories } from './api/get-categories';
import { useArticles } from './api/list-articles';
import { ArticleList } from './components/article-list';
import { HelpSearchBox } from './components/help-search-box';

/** The help centre's front page: search, categories (one level nested), recently updated articles. */
export default function HelpHomePage() {
  const { t } = useTranslation('help');
  const user = useUser();
  const categories = useCategories();
  const recent = useArticles({ limit: 10 });
  return (
    <Stack maw={960}>
      <PageHeader title={t('home.title')}>
        {can(user, 'kb.write') && (
          <Button component={Link} to={paths.help.newArticle}>
            {t('home.newArticle')}
          </Button>
        )}
      </PageHeader>
      <HelpSearchBox />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Title order={2} size="h4" mb="xs">
            {t('home.categories')}
          </Title>
          <QueryView query={categories} empty={<Empty title={t('home.noCategories')} />}>
            {(list) => <CategoryTree categories={list} />}
          </QueryView>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Title order={2} size="h4" mb="xs">
            {t('home.recent')}
          </Title>
          <QueryView query={recent} empty={<Text c="dimmed">{t('home.noArticles')}</Text>}>
            {(list) => <ArticleList articles={list} showStatus={can(user, 'kb.write')} />}
          </QueryView>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function CategoryTree({ categories }: { categories: KbCategory[] }) {
  const { t } = useTranslation('help');
  const top = categories.filter((c) => !c.parentId);
  return (
    <Stack gap="sm">
      {top.map((c) => (
        <Paper key={c.id} withBorder p="sm">
          <Anchor component={Link} to={paths.help.category(c.id)} fw={600} className="user-text">
            {c.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('home.articleCount', { count: c.articleCount })}
          </Text>
          {c.description && (
            <Text size="sm" className="user-text">
              {c.description}
            </Text>
          )}
          {categories
            .filter((child) => child.parentId === c.id)
            .map((child) => (
              <Anchor
                key={child.id}
                component={Link}
                to={paths.help.category(child.id)}
                size="sm"
                display="block"
                ml="md"
                className="user-text"
              >
                {child.name} ({child.articleCount})
              </Anchor>
            ))}
        </Paper>
      ))}
    </Stack>
  );
}
