import type { AppDeps } from '../../app-deps.js';
import { type InboundOutcome, inboundService } from './inbound.service.js';

/**
 * The IMAP side of incoming mail (docs/email.md): reads the unseen messages of MAIL_IMAP_URL's
 * folder, imports each through the same path as `mail:receive`, then marks it \Seen or moves it to
 * MAIL_IMAP_PROCESSED_FOLDER. Runs as the `mail-fetch` job (one instance at a time). A message whose
 * import failed stays unseen and is tried again next time; one imported twice is a `duplicate`.
 */
export async function fetchMailbox(deps: AppDeps): Promise<Record<string, number>> {
  const { imapUrl, processedFolder } = deps.config.mailInbound;
  if (!imapUrl) return {};
  // Loaded here, not at start: a server without MAIL_IMAP_URL never pays for it (issue 22).
  const { ImapFlow } = await import('imapflow');
  const url = new URL(imapUrl);
  const secure = url.protocol === 'imaps:';
  const client = new ImapFlow({
    host: url.hostname,
    port: Number(url.port) || (secure ? 993 : 143),
    secure,
    auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    logger: false,
  });
  const service = inboundService(deps);
  const counts: Record<string, number> = { fetched: 0, failed: 0 };
  await client.connect();
  try {
    const lock = await client.getMailboxLock(decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX');
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        const source = message ? message.source : undefined;
        if (!source) continue;
        counts.fetched = (counts.fetched ?? 0) + 1;
        let outcome: InboundOutcome;
        try {
          outcome = (await service.receive(source)).outcome;
        } catch {
          // Left unseen: the next run tries it again (its Message-ID claim was released).
          counts.failed = (counts.failed ?? 0) + 1;
          continue;
        }
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        if (processedFolder) await client.messageMove(String(uid), processedFolder, { uid: true });
        else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return counts;
}
