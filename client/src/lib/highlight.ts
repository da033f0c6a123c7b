export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits a search snippet into plain and highlighted parts. The server marks hits with
 * `[[…]]` (the tickets contract); everything else in it is user text and stays text, so a
 * `<script>` inside a subject is shown, never run.
 */
export function parseSnippet(snippet: string): Segment[] {
  const out: Segment[] = [];
  const re = /\[\[([\s\S]*?)\]\]/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) out.push({ text: snippet.slice(last, m.index), hit: false });
    if (m[1]) out.push({ text: m[1], hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) out.push({ text: snippet.slice(last), hit: false });
  return out;
}

/** Marks the words of `query` inside a plain text (for subjects, when the server gives no markers). */
export function highlightTerms(text: string, query: string): Segment[] {
  const terms = query
    .split(/\s+/)
    .map((t) => t.replace(/^#/, '').trim())
    .filter((t) => t.length >= 2)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (terms.length === 0) return [{ text, hit: false }];
  const re = new RegExp(`(${terms.join('|')})`, 'gi');
  return text
    .split(re)
    .map((part, i) => ({ text: part, hit: i % 2 === 1 }))
    .filter((s) => s.text !== '');
}
