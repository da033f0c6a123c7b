import type {
  ArticleStatus,
  ArticleVisibility,
  KbArticle,
  KbArticleStats,
  KbArticleSummary,
  KbCategory,
  KbImage,
  KbVersion,
  KbVersionSummary,
} from '@helpdesk/contract';
import { iso, isoOrNull } from '../../lib/timestamps.js';
import type { ArticleRow, CategoryRow, ImageRow, SummaryRow, VersionRow } from './knowledge-base.repository.js';
import { renderMarkdown } from './markdown.js';

type Person = { id: string; name: string } | null;

export const imageUrl = (id: string) => `/api/help/images/${id}`;

export function presentCategory(row: CategoryRow, articleCount: number): KbCategory {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    parentId: row.parentId,
    sortOrder: row.sortOrder,
    articleCount,
  };
}

export function presentSummary(row: SummaryRow): KbArticleSummary {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    categoryId: row.categoryId,
    tags: row.tags,
    status: row.status as ArticleStatus,
    visibility: row.visibility as ArticleVisibility,
    updatedAt: iso(row.updatedAt),
    ...(row.snippet !== undefined ? { snippet: row.snippet } : {}),
  };
}

export function presentArticle(
  row: ArticleRow,
  extra: {
    author: Person;
    updatedBy: Person;
    myVote: boolean | null;
    stats: KbArticleStats | null;
    canEdit: boolean;
    canPublish: boolean;
  },
): KbArticle {
  return {
    ...presentSummary(row),
    body: row.body,
    html: renderMarkdown(row.body),
    publishedAt: isoOrNull(row.publishedAt),
    createdAt: iso(row.createdAt),
    version: row.version,
    ...extra,
  };
}

export function presentVersionSummary(row: VersionRow, editedBy: Person): KbVersionSummary {
  return {
    version: row.version,
    title: row.title,
    status: row.status as ArticleStatus,
    editedBy,
    createdAt: iso(row.createdAt),
  };
}

export function presentVersion(row: VersionRow, editedBy: Person): KbVersion {
  return {
    ...presentVersionSummary(row, editedBy),
    body: row.body,
    html: renderMarkdown(row.body),
    slug: row.slug,
    categoryId: row.categoryId,
    tags: row.tags,
    visibility: row.visibility as ArticleVisibility,
  };
}

export function presentImage(row: ImageRow): KbImage {
  const url = imageUrl(row.id);
  // Brackets would end the alt text early.
  const alt = row.fileName.replace(/[[\]\\]/g, '');
  return { id: row.id, url, fileName: row.fileName, markdown: `![${alt}](${url})` };
}
