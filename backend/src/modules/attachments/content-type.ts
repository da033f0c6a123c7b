import { createReadStream } from 'node:fs';
import { fileTypeFromFile } from 'file-type';

const markup = /<\s*(!doctype|html|svg|script|\?xml|body|iframe|object|embed|head|meta|a\s|img\s|style)/i;
/** An unfinished tag start: `<`, blanks and at most eight letters (`!doctype` is the longest). */
const tagStart = /^<(\s*)([!?a-z]{0,8})$/i;

/**
 * What of a chunk's end the next chunk must see, so that a tag split between them is found: an
 * unfinished tag start, its blanks shortened to one (the pattern does not count them).
 */
function unfinishedTag(text: string): string {
  const at = text.lastIndexOf('<');
  const open = at === -1 ? null : tagStart.exec(text.slice(at));
  return open ? `<${open[1] ? ' ' : ''}${open[2]}` : '';
}

/**
 * What a file without a binary signature is, read chunk by chunk (never whole in memory): text
 * only if it is valid UTF-8 without NULs from start to end; markup when a tag appears anywhere.
 */
async function textKind(path: string): Promise<'binary' | 'text' | 'html' | 'svg'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Buffer): string | undefined => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      return undefined;
    }
  };
  const markupIn = (text: string) => (markup.test(text) ? (/<svg/i.test(text) ? 'svg' : 'html') : undefined);
  let carry = '';
  const chunks: AsyncIterable<Buffer> = createReadStream(path, { highWaterMark: 64 * 1024 });
  for await (const chunk of chunks) {
    const decoded = chunk.includes(0) ? undefined : decode(chunk);
    if (decoded === undefined) return 'binary';
    const text = carry + decoded;
    const found = markupIn(text);
    if (found) return found;
    carry = unfinishedTag(text);
  }
  // The end may hold a multi-byte character cut short.
  const rest = decode();
  if (rest === undefined) return 'binary';
  return markupIn(carry + rest) ?? 'text';
}

/**
 * The type of a stored file, judged by its content, never by the client's word.
 * Binary formats by their signature (file-type); text only if it is valid UTF-8 without NULs,
 * and never markup (HTML, SVG, XML), which would run script if a browser rendered it.
 */
export async function sniffContentType(path: string, fileName: string): Promise<string> {
  const detected = await fileTypeFromFile(path);
  if (detected) return detected.mime;
  const kind = await textKind(path);
  const name = fileName.toLowerCase();
  if (kind === 'binary') return 'application/octet-stream';
  if (kind === 'svg' || (kind === 'html' && name.endsWith('.svg'))) return 'image/svg+xml';
  if (kind === 'html') return 'text/html';
  return name.endsWith('.csv') ? 'text/csv' : 'text/plain';
}

/** Raster images a browser can preview without running anything. SVG is never one of them. */
export const inlineImageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
