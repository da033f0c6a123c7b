import type { ArticleStatus, ArticleVisibility } from '@helpdesk/contract';
import { type Actor, can, isCustomer, isStaff } from '../auth/actor.js';

/**
 * Who reads what in the help centre:
 * - `staff`: every article in every status and visibility (writers, publishers, agents);
 * - `customer`: signed-in users who are not staff: published articles for `public` or `customers`;
 * - `anonymous`: published `public` articles, and only while the `publicHelpCentre` setting is on.
 */
export type KbReader = 'staff' | 'customer' | 'anonymous';

export function readerOf(actor: Actor | null): KbReader {
  if (!actor) return 'anonymous';
  if (!isCustomer(actor) && (can(actor, 'kb.write') || can(actor, 'kb.publish') || isStaff(actor))) return 'staff';
  return 'customer';
}

/** The visibilities a reader sees (among published articles, for non-staff). */
export function visibilitiesFor(reader: KbReader): ArticleVisibility[] {
  if (reader === 'staff') return ['public', 'customers', 'staff'];
  return reader === 'customer' ? ['public', 'customers'] : ['public'];
}

export function canReadArticle(reader: KbReader, article: { status: ArticleStatus; visibility: ArticleVisibility }) {
  if (reader === 'staff') return true;
  return article.status === 'published' && visibilitiesFor(reader).includes(article.visibility);
}

/** Write drafts and edit articles (not publish them). */
export const canWriteArticles = (actor: Actor | null) => !!actor && can(actor, 'kb.write');

/** Publish, archive and delete articles; manage categories. */
export const canPublishArticles = (actor: Actor | null) => !!actor && can(actor, 'kb.publish');

/** A status change other than staying a draft needs `kb.publish`. */
export function canSetStatus(actor: Actor | null, from: ArticleStatus, to: ArticleStatus): boolean {
  if (from === to) return canWriteArticles(actor) || canPublishArticles(actor);
  return canPublishArticles(actor);
}
