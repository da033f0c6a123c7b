import type { Attachment } from '@helpdesk/contract';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import type { DbOrTx } from '../../db/client.js';
import type { attachments } from '../../db/schema/index.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { canSeeAttachment } from './attachments.policy.js';
import { type FileInput, receiveUpload, storeFiles } from './attachments.receive.js';
import * as repo from './attachments.repository.js';
import type { StoredFile } from './attachments.storage.js';
import { fileStoreFor } from './file-stores.js';
import type { FileToSend } from './send-stored-file.js';

export type { FileInput, ReceivedUpload, StoredFiles } from './attachments.receive.js';
export type { StoredFile } from './attachments.storage.js';
export { checkUploads } from './attachments.sweep.js';
export { inlineImageTypes } from './content-type.js';
export { fileStoreFor } from './file-stores.js';
// What the knowledge base's article images and canned responses' files share with ticket files.
export { type FileToSend, sendStoredFile } from './send-stored-file.js';
export { migrateStorage } from './storage-migrate.js';

type AttachmentRow = typeof attachments.$inferSelect;

export function presentAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    ticketId: row.ticketId,
    messageId: row.messageId,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt.toISOString(),
    url: `/api/attachments/${row.id}`,
  };
}

/** Attachments: files in the store (UPLOAD_DIR or a bucket), rows in `attachments`, access as the ticket's. */
export function attachmentService({ config, database }: AppDeps) {
  const { db } = database;
  const store = fileStoreFor(config);

  /** 413 when the new files would take the ticket over MAX_TICKET_UPLOAD_MB. */
  async function checkTicketQuota(tx: DbOrTx, ticketId: string, files: readonly StoredFile[]) {
    const adding = files.reduce((sum, f) => sum + f.sizeBytes, 0);
    if (adding === 0) return;
    if ((await repo.sumTicketBytes(tx, ticketId)) + adding > config.maxTicketUploadBytes) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        413,
        `This ticket's attachments may not exceed ${Math.round(config.maxTicketUploadBytes / 1024 / 1024)} MB in all`,
      );
    }
  }

  return {
    /** Where the files are (the knowledge base's images and canned responses' files too). */
    store,

    receive: (req: FastifyRequest) => receiveUpload(req, config, store),

    /** Files from elsewhere (incoming mail) through the same checks as uploads; refused ones are reported. */
    storeFiles: (inputs: readonly FileInput[]) => storeFiles(inputs, config, store),

    /**
     * Records files of a message inside the caller's transaction (the tickets module's reply).
     * The caller removes the files with `discard()` when its transaction fails.
     */
    async recordForMessage(
      tx: DbOrTx,
      input: { ticketId: string; messageId: string; uploadedById: string; files: readonly StoredFile[] },
    ): Promise<Attachment[]> {
      await checkTicketQuota(tx, input.ticketId, input.files);
      const rows = await repo.insertAttachments(tx, input);
      return rows.map(presentAttachment);
    },

    /**
     * Records files added to a ticket on their own (no message) inside the caller's transaction
     * (the tickets module's upload, which writes the history).
     */
    async recordForTicket(
      tx: DbOrTx,
      input: { ticketId: string; uploadedById: string; files: readonly StoredFile[] },
    ): Promise<Attachment[]> {
      await checkTicketQuota(tx, input.ticketId, input.files);
      const rows = await repo.insertAttachments(tx, { ...input, messageId: null });
      return rows.map(presentAttachment);
    },

    /** Files of a ticket's messages by message id, for a caller already allowed to see the ticket. */
    async byMessage(tx: DbOrTx, ticketId: string, includeInternal: boolean): Promise<Map<string, Attachment[]>> {
      const rows = await repo.listTicketAttachments(tx, ticketId, includeInternal);
      const map = new Map<string, Attachment[]>();
      for (const { attachment } of rows) {
        if (!attachment.messageId) continue;
        map.set(attachment.messageId, [...(map.get(attachment.messageId) ?? []), presentAttachment(attachment)]);
      }
      return map;
    },

    /**
     * Deletes the rows of a ticket's files in the caller's transaction (the ticket's deletion) and
     * returns their storage keys, for `removeFiles` once that transaction committed.
     */
    async removeRowsOfTicket(tx: DbOrTx, ticketId: string): Promise<string[]> {
      const keys = await repo.storageKeysOfTicket(tx, ticketId);
      await repo.deleteAttachmentsOfTicket(tx, ticketId);
      return keys;
    },

    /** A merge moves every file of one ticket to another, in the caller's transaction (issue 17). */
    moveRowsOfTicket: (tx: DbOrTx, fromTicketId: string, toTicketId: string) =>
      repo.moveAttachmentsOfTicket(tx, fromTicketId, toTicketId),

    /** A ticket's files, for a caller already allowed to see the ticket. */
    async listForTicket(dbx: DbOrTx, ticketId: string, includeInternal: boolean): Promise<Attachment[]> {
      const rows = await repo.listTicketAttachments(dbx, ticketId, includeInternal);
      return rows.map((r) => presentAttachment(r.attachment));
    },

    /** The file to send, or 404 when it is missing or not the caller's to see. */
    async openForDownload(actor: Actor, id: string): Promise<FileToSend & { row: AttachmentRow }> {
      const found = await repo.findAttachmentWithAccess(db, id);
      if (!found || !canSeeAttachment(actor, found)) throw notFound('Attachment');
      return { row: found.attachment, store };
    },

    /** After a ticket's rows are deleted and committed: remove its files. */
    removeFiles: (storageKeys: readonly string[]) => store.remove(storageKeys),
  };
}

export type AttachmentService = ReturnType<typeof attachmentService>;
