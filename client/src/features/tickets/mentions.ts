/**
 * @mentions in a note's text, as the server reads them (notifications.service mentionedHandles):
 * `@` after the start or a non-word character, then a handle.
 */
const MENTION = /(^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,63})/gu;

export type TextPart = { text: string; mention: boolean };

/** The text cut into plain parts and `@handle` parts (trailing dots stay plain), for highlighting as text. */
export function splitMentions(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(MENTION)) {
    const handle = (m[2] ?? '').replace(/[.]+$/, '');
    const start = (m.index ?? 0) + (m[1] ?? '').length;
    if (start > at) parts.push({ text: text.slice(at, start), mention: false });
    parts.push({ text: `@${handle}`, mention: true });
    at = start + 1 + handle.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mention: false });
  return parts;
}

/** The `@partial` being typed just before the caret, or null (for the autocomplete). */
export function mentionAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}._-]{0,64})$/u.exec(text.slice(0, caret));
  if (!m) return null;
  const query = m[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** The text with the `@partial` at `start` replaced by `@handle ` (and where the caret goes). */
export function insertMention(
  text: string,
  caret: number,
  start: number,
  handle: string,
): { text: string; caret: number } {
  const inserted = `@${handle} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
