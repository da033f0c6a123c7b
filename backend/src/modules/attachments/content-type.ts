import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

const markup = /<\s*(!doctype|html|svg|script|\?xml|body|iframe|object|embed|head|meta|a\s|img\s|style)/i;

/**
 * The type of a stored file, judged by its content, never by the client's word.
 * Binary formats by their signature (file-type); text only if it is valid UTF-8 without NULs,
 * and never markup (HTML, SVG, XML), which would run script if a browser rendered it.
 */
export async function sniffContentType(path: string, fileName: string): Promise<string> {
  const detected = await fileTypeFromFile(path);
  if (detected) return detected.mime;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return 'application/octet-stream';
    let text: string;
    try {
      // A cut in the middle of a multi-byte character at the 64 KiB edge is not an error.
      text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: bytesRead === buffer.length });
    } catch {
      return 'application/octet-stream';
    }
    if (markup.test(text))
      return fileName.toLowerCase().endsWith('.svg') || /<svg/i.test(text) ? 'image/svg+xml' : 'text/html';
    return fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
  } finally {
    await handle.close();
  }
}

/** Raster images a browser can preview without running anything. SVG is never one of them. */
export const inlineImageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
