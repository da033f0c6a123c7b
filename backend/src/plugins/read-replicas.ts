import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from '../app-deps.js';
import type { Db } from '../db/client.js';
import { openReadReplicas, UNKNOWN_WRITE_LSN } from '../db/replicas.js';
import { cookieOptions } from '../modules/auth/session-cookie.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A write no heavy read shows (presence, drafts): it sets no read-after cookie, saving a query per heartbeat. */
    unseenByHeavyReads?: boolean;
  }
  interface FastifyRequest {
    /**
     * Runs a heavy read-only `work` (queue, search, dashboard, reports, customers) on a read
     * replica when one fits this caller, else on the primary (plugins/read-replicas.ts).
     */
    heavyRead<T>(work: (db: Db) => Promise<T>): Promise<T>;
  }
}

/** Carries the primary's LSN after the caller's last write, so their next reads see it (any process, any host). */
export const READ_AFTER_COOKIE = 'helpdesk_read_after';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read replicas (DATABASE_REPLICA_URL). Read-your-writes: after a signed-in caller's successful
 * write the answer sets a short-lived cookie with the primary's WAL position; their heavy reads
 * then use only a replica that has replayed it. Callers with an API token keep no cookie, so
 * their heavy reads stay on the primary. Without replicas nothing here does anything.
 */
export const readReplicasPlugin = fp<AppDeps>(
  async (app, { config, database }) => {
    const replicas = openReadReplicas(
      database,
      config.databaseReplicas.length > 0
        ? { replicas: config.databaseReplicas, maxLagMs: config.replicaMaxLagMs }
        : undefined,
    );
    app.addHook('onClose', async () => {
      await replicas.close();
    });

    if (!replicas.enabled) {
      app.decorateRequest('heavyRead', function heavyRead<T>(work: (db: Db) => Promise<T>) {
        return work(database.db);
      });
      return;
    }

    app.log.info(
      `Read replicas: ${config.databaseReplicas.length} for the heavy reads (at most ${config.replicaMaxLagMs / 1000} s behind)`,
    );
    // A replica that has replayed what the primary had this long ago holds every write older than that.
    const windowSeconds = Math.ceil(config.replicaMaxLagMs / 1000) + 5;

    app.decorateRequest('heavyRead', function heavyRead<T>(this: FastifyRequest, work: (db: Db) => Promise<T>) {
      if (this.actor?.via === 'token') return work(database.db);
      // A malformed cookie counts as none (heavy() reads it with lsnValue).
      return replicas.heavy(work, { after: this.cookies[READ_AFTER_COOKIE] });
    });

    app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
      if (
        safeMethods.has(req.method) ||
        req.routeOptions.config.unseenByHeavyReads ||
        !req.actor ||
        req.actor.via !== 'session' ||
        reply.statusCode >= 400
      ) {
        return payload;
      }
      // Taken after the write committed; when the primary cannot say, the caller reads from it for a while.
      const lsn = await replicas.primaryLsn().catch(() => UNKNOWN_WRITE_LSN);
      reply.setCookie(READ_AFTER_COOKIE, lsn, { ...cookieOptions(config, reply), path: '/api', maxAge: windowSeconds });
      return payload;
    });
  },
  { name: 'read-replicas', dependencies: ['auth'] },
);
