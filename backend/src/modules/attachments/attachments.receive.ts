import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError, validationError } from '../../lib/app-error.js';
import { findUnstorableText } from '../../lib/unstorable-text.js';
import { type FileStore, moveIntoStore, newStorageKey, type StoredFile, writeTemp } from './attachments.storage.js';
import { sniffContentType } from './content-type.js';
import { cleanFileName } from './file-name.js';

/** Puts a checked staging file into the store under a new key. */
async function intoStore(
  store: FileStore,
  fileName: string,
  staged: { tmpPath: string; sizeBytes: number; sha256: string },
  mimeType: string,
): Promise<StoredFile> {
  const storageKey = newStorageKey();
  const { tmpPath, sizeBytes, sha256 } = staged;
  await moveIntoStore(store, storageKey, tmpPath, { sha256, sizeBytes, contentType: mimeType });
  return { storageKey, fileName, sizeBytes, sha256, mimeType };
}

export interface ReceivedUpload {
  /** Text fields of the multipart body (last value wins). */
  fields: Record<string, string>;
  /** Files already in their final place; record them or call `discard()`. */
  files: StoredFile[];
  /** Removes the files again (the database transaction failed or a rule refused them). */
  discard(): Promise<void>;
}

/**
 * Reads a multipart request part by part, streaming each file to UPLOAD_DIR/.tmp (never the whole
 * body in memory), sniffing its type there and refusing types outside the allowlist (415) before
 * it reaches the store; accepted files are then put into the store (a rename on disk, a streamed
 * multipart upload to a bucket). Limits from config give 413, a text field with a NUL or an
 * unpaired surrogate 400. On any failure every file stored so far is removed.
 */
/** A file written to UPLOAD_DIR/.tmp and its sniffed type (the staging file is gone if sniffing fails). */
async function stageAndSniff(uploadDir: string, source: NodeJS.ReadableStream, fileName: string) {
  const staged = await writeTemp(uploadDir, source);
  try {
    return { staged, mimeType: await sniffContentType(staged.tmpPath, fileName) };
  } catch (err) {
    await dropStaged(staged);
    throw err;
  }
}

const dropStaged = (staged: { tmpPath: string }) => rm(staged.tmpPath, { force: true });

export async function receiveUpload(
  req: FastifyRequest,
  config: Pick<Config, 'uploadDir' | 'allowedUploadTypes'>,
  store: FileStore,
): Promise<ReceivedUpload> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send files as multipart/form-data');
  }
  const fields: Record<string, string> = {};
  const files: StoredFile[] = [];
  const discard = () => store.remove(files.map((f) => f.storageKey));
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        const value = String(part.value);
        // The JSON body's NUL/surrogate check (plugins/unstorable-text.ts) for the form's text fields.
        const problem = findUnstorableText({ [part.fieldname]: value }, 'body');
        if (problem) throw validationError('The request is not valid', [problem]);
        fields[part.fieldname] = value;
        continue;
      }
      const fileName = cleanFileName(part.filename);
      const { staged, mimeType } = await stageAndSniff(config.uploadDir, part.file, fileName);
      if (staged.sizeBytes === 0) {
        await dropStaged(staged);
        throw new AppError('VALIDATION_ERROR', 400, `${fileName} is empty`);
      }
      if (!config.allowedUploadTypes.includes(mimeType)) {
        await dropStaged(staged);
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `${fileName}: files of type ${mimeType} are not accepted`, [
          { path: `files.${files.length}`, message: `type ${mimeType} is not allowed` },
        ]);
      }
      files.push(await intoStore(store, fileName, staged, mimeType));
    }
  } catch (err) {
    await discard();
    throw err;
  }
  return { fields, files, discard };
}

/** A file that arrived some other way than an upload (an e-mail's attachment). */
export interface FileInput {
  fileName: string | undefined;
  content: Buffer;
}

/** What storeFiles did: the files in the store, and those it refused with why (for telling the sender). */
export interface StoredFiles {
  files: StoredFile[];
  refused: { fileName: string; reason: 'too_large' | 'type' | 'empty' | 'too_many' }[];
  discard(): Promise<void>;
}

/**
 * The upload checks of receiveUpload for files already in memory (incoming mail): size per file
 * (MAX_UPLOAD_MB), files per message, the sniffed type against the allowlist. A refused file is
 * skipped and reported instead of failing the whole message: the mail's text still counts.
 */
export async function storeFiles(
  inputs: readonly FileInput[],
  config: Pick<Config, 'uploadDir' | 'allowedUploadTypes' | 'maxUploadBytes' | 'maxFilesPerMessage'>,
  store: FileStore,
): Promise<StoredFiles> {
  const files: StoredFile[] = [];
  const refused: StoredFiles['refused'] = [];
  const discard = () => store.remove(files.map((f) => f.storageKey));
  try {
    for (const input of inputs) {
      const fileName = cleanFileName(input.fileName);
      if (input.content.length === 0) refused.push({ fileName, reason: 'empty' });
      else if (input.content.length > config.maxUploadBytes) refused.push({ fileName, reason: 'too_large' });
      else if (files.length >= config.maxFilesPerMessage) refused.push({ fileName, reason: 'too_many' });
      else {
        const { staged, mimeType } = await stageAndSniff(config.uploadDir, Readable.from([input.content]), fileName);
        if (config.allowedUploadTypes.includes(mimeType))
          files.push(await intoStore(store, fileName, staged, mimeType));
        else {
          await dropStaged(staged);
          refused.push({ fileName, reason: 'type' });
        }
      }
    }
  } catch (err) {
    await discard();
    throw err;
  }
  return { files, refused, discard };
}
