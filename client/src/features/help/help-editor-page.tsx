import { articleVisibilities, type KbArticle, type KbCategory, updateKbArticleBodySchema } from '@helpdesk/contract';
import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Grid,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { FormSubmit } from '../../components/ui/form-submit';
import { notifyError, notifySuccess } from '../../components/ui/notify';
import { QueryView } from '../../components/ui/states';
import { paths } from '../../config/paths';
import { submitTo, useBodyForm } from '../../lib/form';
import { useDeleteArticle } from './api/delete-article';
import { useArticle } from './api/get-article';
import { useCategories } from './api/get-categories';
import { useVersion, useVersions } from './api/get-versions';
import { usePreview } from './api/preview';
import { useRestoreVersion } from './api/restore-version';
import { useSaveArticle } from './api/save-article';
import { useSetArticleStatus } from './api/set-article-status';
import { uploadImages } from './api/upload-images';
import { ArticleBody } from './components/article-body';

/** The staff editor: `/help/new` writes a draft, `/help/edit/:id` edits one with its versions. */
export default function HelpEditorPage() {
  const { id } = useParams();
  const categories = useCategories();
  return (
    <QueryView query={categories}>
      {(list) => (id ? <EditExisting id={id} categories={list} /> : <ArticleEditor categories={list} />)}
    </QueryView>
  );
}

function EditExisting({ id, categories }: { id: string; categories: KbCategory[] }) {
  const article = useArticle(id);
  return (
    <QueryView query={article}>
      {/* A new version remounts the form with what was saved. */}
      {(a) => <ArticleEditor key={a.version} article={a} categories={categories} />}
    </QueryView>
  );
}

function ArticleEditor({ article, categories }: { article?: KbArticle; categories: KbCategory[] }) {
  const { t } = useTranslation('help');
  const navigate = useNavigate();
  const save = useSaveArticle(article?.id);
  const form = useBodyForm(
    // The create body is the update body without the version.
    article ? updateKbArticleBodySchema : updateKbArticleBodySchema.omit({ version: true }),
    {
      title: article?.title ?? '',
      slug: article?.slug ?? '',
      body: article?.body ?? '',
      categoryId: article?.categoryId ?? null,
      tags: article?.tags ?? [],
      visibility: article?.visibility ?? 'customers',
    },
    ({ slug, ...values }) => ({
      ...values,
      ...(slug ? { slug } : {}),
      ...(article ? { version: article.version } : {}),
    }),
  );
  const [tab, setTab] = useState<string | null>('write');
  const preview = usePreview(form.values.body, tab === 'preview');
  const categoryOptions = categories.map((c) => ({
    value: c.id,
    label: c.parentId ? `— ${c.name}` : c.name,
  }));

  const addImages = async (files: File[]) => {
    if (!article || files.length === 0) return;
    try {
      const images = await uploadImages(article.id, files);
      form.setFieldValue('body', `${form.values.body}\n\n${images.map((i) => i.markdown).join('\n\n')}\n`);
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {article ? t('editor.editTitle') : t('editor.newTitle')}
        </Title>
        {article && (
          <Anchor component={Link} to={paths.help.article(article.id, article.slug)}>
            {t('editor.view_article')}
          </Anchor>
        )}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: article ? 8 : 12 }}>
          <Paper withBorder p="md">
            <form
              onSubmit={submitTo(form, save, (saved) => {
                notifySuccess(t('editor.saved'));
                if (!article) navigate(paths.help.edit(saved.id));
              })}
              noValidate
            >
              <Stack>
                <TextInput label={t('editor.title')} required maxLength={200} {...form.getInputProps('title')} />
                {article && (
                  <TextInput
                    label={t('editor.slug')}
                    description={t('editor.slugHint')}
                    {...form.getInputProps('slug')}
                  />
                )}
                <Group grow align="flex-start">
                  <Select
                    label={t('editor.category')}
                    placeholder={t('editor.noCategory')}
                    data={categoryOptions}
                    clearable
                    {...form.getInputProps('categoryId')}
                  />
                  <Select
                    label={t('editor.visibility')}
                    data={articleVisibilities.map((v) => ({ value: v, label: t(`article.visibility.${v}`) }))}
                    allowDeselect={false}
                    {...form.getInputProps('visibility')}
                  />
                </Group>
                <TagsInput label={t('editor.tags')} maxTags={20} {...form.getInputProps('tags')} />
                <Tabs value={tab} onChange={setTab}>
                  <Tabs.List>
                    <Tabs.Tab value="write">{t('editor.write')}</Tabs.Tab>
                    <Tabs.Tab value="preview">{t('editor.preview')}</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="write" pt="xs">
                    <Textarea
                      label={t('editor.body')}
                      autosize
                      minRows={12}
                      maxRows={30}
                      ff="monospace"
                      data-testid="article-markdown"
                      {...form.getInputProps('body')}
                    />
                  </Tabs.Panel>
                  <Tabs.Panel value="preview" pt="xs">
                    {preview.data && <ArticleBody html={preview.data.html} />}
                  </Tabs.Panel>
                </Tabs>
                <Group>
                  {article ? (
                    <FileButton
                      onChange={(files) => void addImages(files)}
                      accept="image/png,image/jpeg,image/gif,image/webp"
                      multiple
                    >
                      {(props) => (
                        <Button variant="default" size="xs" {...props}>
                          {t('editor.addImage')}
                        </Button>
                      )}
                    </FileButton>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('editor.imageHint')}
                    </Text>
                  )}
                </Group>
                <FormSubmit mutation={save} form={form} w="fit-content">
                  {t('editor.save')}
                </FormSubmit>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        {article && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack>
              <StatusPanel article={article} />
              <VersionsPanel article={article} />
            </Stack>
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}

function StatusPanel({ article }: { article: KbArticle }) {
  const { t } = useTranslation('help');
  const setStatus = useSetArticleStatus();
  const remove = useDeleteArticle();
  const navigate = useNavigate();
  const change = (status: KbArticle['status']) =>
    setStatus.mutate({ id: article.id, version: article.version, status }, { onError: notifyError });
  return (
    <Paper withBorder p="sm">
      <Group gap="xs" mb="xs">
        <Badge data-testid="article-status">{t(`article.status.${article.status}`)}</Badge>
      </Group>
      {article.canPublish && (
        <Group gap="xs">
          {article.status !== 'published' && (
            <Button size="xs" onClick={() => change('published')} loading={setStatus.isPending}>
              {t('editor.publish')}
            </Button>
          )}
          {article.status !== 'archived' && (
            <Button size="xs" variant="default" onClick={() => change('archived')}>
              {t('editor.archive')}
            </Button>
          )}
          {article.status !== 'draft' && (
            <Button size="xs" variant="subtle" onClick={() => change('draft')}>
              {t('editor.toDraft')}
            </Button>
          )}
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() =>
              window.confirm(t('editor.deleteConfirm')) &&
              remove.mutate(article.id, { onSuccess: () => navigate(paths.help.home), onError: notifyError })
            }
          >
            {t('editor.delete')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function VersionsPanel({ article }: { article: KbArticle }) {
  const { t } = useTranslation('help');
  const versions = useVersions(article.id);
  const restore = useRestoreVersion();
  const [viewing, setViewing] = useState<number | null>(null);
  const shown = useVersion(article.id, viewing);
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t('editor.versions')}
      </Text>
      <QueryView query={versions}>
        {(list) => (
          <Stack gap={6} data-testid="versions">
            {list.map((v) => (
              <Group key={v.version} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" truncate className="user-text">
                  {t('editor.versionLine', { version: v.version, title: v.title })}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="default" onClick={() => setViewing(v.version)}>
                    {t('editor.view')}
                  </Button>
                  {v.version !== article.version && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() =>
                        restore.mutate(
                          { id: article.id, version: v.version, current: article.version },
                          {
                            onSuccess: () => notifySuccess(t('editor.restored', { version: v.version })),
                            onError: notifyError,
                          },
                        )
                      }
                    >
                      {t('editor.restore')}
                    </Button>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </QueryView>
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        size="lg"
        title={t('editor.version', { version: viewing ?? 0 })}
      >
        {shown.data && (
          <Stack>
            <Title order={2} size="h3" className="user-text">
              {shown.data.title}
            </Title>
            <ArticleBody html={shown.data.html} />
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
