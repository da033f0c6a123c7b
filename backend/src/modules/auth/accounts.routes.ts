import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { departmentRoutes } from '../departments/departments.routes.js';
import { roleRoutes } from '../roles/roles.routes.js';
import { settingsRoutes } from '../settings/settings.routes.js';
import { setupRoutes } from '../setup/setup.routes.js';
import { statusRoutes } from '../statuses/statuses.routes.js';
import { twoFactorRoutes } from '../two-factor/two-factor.routes.js';
import { userRoutes } from '../users/users.routes.js';
import { authRoutes } from './auth.routes.js';

/** Accounts and the admin area (issue 3), registered by app.ts in one line. */
export async function accountRoutes(app: FastifyInstance, deps: AppDeps) {
  await app.register(setupRoutes, deps);
  await app.register(authRoutes, deps);
  await app.register(twoFactorRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(roleRoutes, deps);
  await app.register(departmentRoutes, deps);
  await app.register(statusRoutes, deps);
  await app.register(settingsRoutes, deps);
  await app.register(auditRoutes, deps);
}
