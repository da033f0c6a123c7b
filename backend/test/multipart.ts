import type { Config } from '../src/config.js';
import { listStaging } from '../src/modules/attachments/attachments.storage.js';
import { fileStoreFor } from '../src/modules/attachments/file-stores.js';
/** Builds a multipart/form-data body for app.inject. */
export function multipart(
  parts: (
    | { name: string; value: string }
    | { name: string; filename: string; content: Buffer | string; type?: string }
  )[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----helpdesk${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}`));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A real 1×1 PNG. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a Windows executable. */
export const fakeExe = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(62),
  Buffer.from('PE\0\0'),
  Buffer.alloc(200, 1),
]);

/** Files in the store plus uploads being received: unchanged after a refused upload. */
export async function storedFileCount(config: Config): Promise<number> {
  return (await fileStoreFor(config).list()).length + (await listStaging(config.uploadDir)).length;
}
