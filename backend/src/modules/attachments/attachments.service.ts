import type { Attachment } from '@helpdesk/contract';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import type { DbOrTx } from '../../db/client.js';
import type { attachments } from '../../db/schema/index.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { seesInternalNotes } from '../tickets/tickets.policy.js';
import { canSeeAttachment, canSeeTicket } from './attachments.policy.js';
import { receiveUpload } from './attachments.receive.js';
import * as repo from './attachments.repository.js';
import { removeStored, type StoredFile, storagePath } from './attachments.storage.js';

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

/** Attachments: storage on disk under UPLOAD_DIR, rows in `attachments`, access as the ticket's. */
export function attachmentService({ config, database }: AppDeps) {
  const { db } = database;

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
    receive: (req: FastifyRequest) => receiveUpload(req, config),

    /**
     * Records files of a message (or, `messageId` null, of a new ticket) inside the caller's
     * transaction (the tickets module's reply and multipart create). The caller removes the files
     * with `discard()` when its transaction fails.
     */
    async recordForMessage(
      tx: DbOrTx,
      input: { ticketId: string; messageId: string | null; uploadedById: string; files: readonly StoredFile[] },
    ): Promise<Attachment[]> {
      await checkTicketQuota(tx, input.ticketId, input.files);
      const rows = await repo.insertAttachments(tx, input);
      return rows.map(presentAttachment);
    },

    /** `POST /api/tickets/:id/attachments`: files on their own, visible to everyone who sees the ticket. */
    async uploadToTicket(actor: Actor, ticketRef: string, req: FastifyRequest): Promise<Attachment[]> {
      const ticket = await repo.findTicketAccess(db, ticketRef);
      if (!ticket || !canSeeTicket(actor, ticket)) throw notFound('Ticket');
      const ticketId = ticket.id;
      const upload = await receiveUpload(req, config);
      if (upload.files.length === 0) {
        await upload.discard();
        throw new AppError('VALIDATION_ERROR', 400, 'Attach at least one file', [
          { path: 'files', message: 'required' },
        ]);
      }
      try {
        return await db.transaction(async (tx) => {
          await checkTicketQuota(tx, ticketId, upload.files);
          const rows = await repo.insertAttachments(tx, {
            ticketId,
            messageId: null,
            uploadedById: actor.id,
            files: upload.files,
          });
          await repo.recordUploadHistory(
            tx,
            ticketId,
            actor.id,
            upload.files.map((f) => f.fileName),
          );
          return rows.map(presentAttachment);
        });
      } catch (err) {
        await upload.discard();
        throw err;
      }
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

    /** Storage keys of a ticket's files, read before the ticket is deleted. */
    storageKeysOf: (tx: DbOrTx, ticketId: string) => repo.storageKeysOfTicket(tx, ticketId),

    /** `ticketRef`: a uuid or a number, as the ticket routes accept. */
    async listForTicket(actor: Actor, ticketRef: string): Promise<Attachment[]> {
      const ticket = await repo.findTicketAccess(db, ticketRef);
      if (!ticket || !canSeeTicket(actor, ticket)) throw notFound('Ticket');
      const rows = await repo.listTicketAttachments(db, ticket.id, seesInternalNotes(actor));
      return rows.map((r) => presentAttachment(r.attachment));
    },

    /** The file to send, or 404 when it is missing or not the caller's to see. */
    async openForDownload(actor: Actor, id: string): Promise<{ row: AttachmentRow; path: string }> {
      const found = await repo.findAttachmentWithAccess(db, id);
      if (!found || !canSeeAttachment(actor, found)) throw notFound('Attachment');
      return { row: found.attachment, path: storagePath(config.uploadDir, found.attachment.storageKey) };
    },

    /** After a ticket's rows are deleted and committed: remove its files. */
    removeFiles: (storageKeys: readonly string[]) => removeStored(config.uploadDir, storageKeys),
  };
}

export type AttachmentService = ReturnType<typeof attachmentService>;
