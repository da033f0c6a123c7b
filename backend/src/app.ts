import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { AppDeps } from './app-deps.js';
import type { Logger } from './lib/logger.js';
import { archiveRoutes } from './modules/archive/archive.routes.js';
import { attachmentRoutes } from './modules/attachments/attachments.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authPlugin, signedInScope } from './modules/auth/auth.plugin.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { batchRoutes } from './modules/batch/batch.routes.js';
import { cannedResponseRoutes } from './modules/canned-responses/canned-responses.routes.js';
import { customFieldRoutes } from './modules/custom-fields/custom-fields.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { departmentRoutes } from './modules/departments/departments.routes.js';
import { draftRoutes } from './modules/drafts/drafts.routes.js';
import { followerRoutes } from './modules/followers/followers.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { kbDeflectionHook, knowledgeBaseRoutes } from './modules/knowledge-base/knowledge-base.routes.js';
import { mailRoutes } from './modules/mail/mail.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { organisationRoutes } from './modules/organisations/organisations.routes.js';
import { presenceRoutes } from './modules/presence/presence.routes.js';
import { roleRoutes } from './modules/roles/roles.routes.js';
import { satisfactionRoutes } from './modules/satisfaction/satisfaction.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { setupRoutes } from './modules/setup/setup.routes.js';
import { slaRoutes } from './modules/sla/sla.routes.js';
import { statusRoutes } from './modules/statuses/statuses.routes.js';
import { tagRoutes } from './modules/tags/tags.routes.js';
import { ticketRoutes } from './modules/tickets/tickets.routes.js';
import { twoFactorRoutes } from './modules/two-factor/two-factor.routes.js';
import { userRoutes } from './modules/users/users.routes.js';
import { webhookRoutes } from './modules/webhooks/webhooks.routes.js';
import { errorsPlugin, handleError, sendError } from './plugins/errors.js';
import { metricsPlugin } from './plugins/metrics.js';
import { openapiErrorsPlugin } from './plugins/openapi-errors.js';
import { readReplicasPlugin } from './plugins/read-replicas.js';
import { genRequestId, requestLogPlugin } from './plugins/request-log.js';
import { staticClientPlugin } from './plugins/static-client.js';
import { unstorableTextPlugin } from './plugins/unstorable-text.js';
import { writeLimitsPlugin } from './plugins/write-limits.js';

export interface BuildAppOptions extends AppDeps {
  logger: Logger;
}

/** The whole HTTP application; index.ts and the tests both build it here. */
export async function buildApp({ logger, ...deps }: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Our own request line replaces Fastify's incoming/completed pair (plugins/request-log.ts).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: genRequestId,
    // A hop count is valid at run time (proxy-addr) though the types omit it.
    trustProxy: config.trustProxy as boolean | string[],
    bodyLimit: config.bodyLimitBytes,
    // We answer 503 ourselves while draining, in our error shape (see onRequest below).
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot decode (bad percent-encoding, a too long path segment).
    frameworkErrors: handleError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Graceful shutdown: once close() starts, requests on kept-alive connections get a 503.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (draining) {
      reply.header('Connection', 'close');
      return sendError(reply, 503, 'SERVICE_UNAVAILABLE', 'The server is shutting down');
    }
  });

  await app.register(errorsPlugin);
  // Before swagger and the routes: it completes each route's error responses as it is added.
  await app.register(openapiErrorsPlugin);
  await app.register(unstorableTextPlugin);
  await app.register(requestLogPlugin);
  // Security headers. Built once: @fastify/helmet rebuilt (and re-parsed) this policy on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and the API docs page inject style elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP on localhost by default; Caddy adds HSTS in production.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, () => done()));
  await app.register(compress, { threshold: 1024 });
  // Files are streamed to disk part by part (modules/attachments); these limits give 413.
  await app.register(multipart, {
    limits: {
      fileSize: config.maxUploadBytes,
      files: config.maxFilesPerMessage,
      fields: 20,
      fieldSize: 256 * 1024,
      parts: config.maxFilesPerMessage + 20,
    },
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'HelpDesk Pro API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'helpdesk_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // The API documentation is public: every route of this scope (swagger-ui's too) says so.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    docs.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  });

  // /metrics has its own access rule (METRICS_TOKEN / METRICS_ALLOW) and is not a session route.
  await app.register(metricsPlugin, deps);
  // Parses Cookie headers for the session (modules/auth/session-cookie.ts); nothing is signed.
  await app.register(cookie);
  await app.register(authPlugin, deps);
  // Heavy reads on read replicas, with read-your-writes after a caller's own write (DATABASE_REPLICA_URL).
  await app.register(readReplicasPlugin, deps);
  await app.register(writeLimitsPlugin, deps);
  // Marks deflection counts when a ticket is filed (an onResponse hook for the whole app).
  await app.register(kbDeflectionHook, deps);
  // Every module's routes: anonymous callers get 401 but on routes marked public (auth.plugin.ts).
  await app.register(signedInScope, {
    deps,
    routes: [
      healthRoutes,
      attachmentRoutes,
      notificationRoutes,
      setupRoutes,
      authRoutes,
      twoFactorRoutes,
      userRoutes,
      roleRoutes,
      departmentRoutes,
      statusRoutes,
      settingsRoutes,
      auditRoutes,
      ticketRoutes,
      dashboardRoutes,
      archiveRoutes,
      knowledgeBaseRoutes,
      satisfactionRoutes,
      organisationRoutes,
      tagRoutes,
      cannedResponseRoutes,
      customFieldRoutes,
      presenceRoutes,
      draftRoutes,
      slaRoutes,
      followerRoutes,
      mailRoutes,
      webhookRoutes,
      batchRoutes,
    ],
  });

  await app.register(staticClientPlugin, { clientDistDir: config.clientDistDir });
  return app;
}
