/**
 * What ticket search and the knowledge base share of PostgreSQL full-text search: how typed words
 * become a tsquery, and how ts_headline marks the matches in a snippet.
 */

/**
 * Search words → a to_tsquery source. Only letters and digits survive, so nothing the user types
 * can be tsquery syntax; the last word matches as a prefix.
 */
export function toTsquerySource(q: string): string | undefined {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length <= 100).slice(0, 16);
  if (words.length === 0) return undefined;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

/** ts_headline options: matches between `[[` and `]]` (the client highlights them as text). */
export const HEADLINE_OPTIONS =
  'StartSel="[[", StopSel="]]", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';
