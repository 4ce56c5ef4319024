import { resolve } from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  type Database,
  type DatabaseMode,
  DEFAULT_LOGIN_POLICY,
  instanceSecret,
  type LoginPolicy,
} from '@forecourt/engine';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { registerAuth } from './http/auth';
import { apiComponents, registerComponents } from './http/components';
import { registerErrorHandling } from './http/errors';
import { registerOpenApi, registerRouteCatalog } from './http/openapi';
import { ErrorResponse } from './http/schemas';
import { lazySerializers } from './http/serialization';
import { registerValidation } from './http/validation';
import { registerWellFormedInput } from './http/well-formed';
import { appRoutes } from './routes/apps';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { automationRoutes } from './routes/automations';
import { benchQueryRoutes, benchRoutes, benchSeedRoutes } from './routes/bench';
import { bulkRecordRoutes } from './routes/bulk-records';
import { commentRoutes } from './routes/comments';
import { departmentRoutes } from './routes/departments';
import type { RouteDeps } from './routes/deps';
import { directoryRoutes } from './routes/directory';
import { exchangeRoutes } from './routes/exchange';
import { type FileDeps, fileRoutes } from './routes/files';
import { healthRoutes } from './routes/health';
import { historyRoutes } from './routes/history';
import { notificationRoutes } from './routes/notifications';
import { defaultTemplatesDir, type PackageDeps, packageRoutes } from './routes/packages';
import { permissionRoutes } from './routes/permissions';
import { publicLinkRoutes } from './routes/public-links';
import { recordRoutes } from './routes/records';
import { recycleBinRoutes } from './routes/recycle-bin';
import { roleRoutes } from './routes/roles';
import { signatureRoutes } from './routes/signatures';
import { taskRoutes } from './routes/tasks';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import { viewRoutes } from './routes/views';
import { webRoutes } from './routes/web';
import { workflowRoutes } from './routes/workflow';
import { workspaceRoutes } from './routes/workspace';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy';
import { VERSION } from './version';

export interface AppOptions {
  db: Kysely<Database>;
  mode: DatabaseMode;
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** Largest upload in MiB (a field may allow less); 20 when absent. */
  uploadLimitMb?: number;
  /** Where uploaded files are stored; `./data/files` when absent, like FORECOURT_DATA_DIR's default. */
  filesDir?: string;
  /** Signs cookies and keys CSRF tokens; read from the database when absent. */
  secret?: string;
  cookieSecure?: boolean;
  /** Which reverse proxies may say who the client is (trust-proxy.ts); none when absent. */
  trustProxy?: TrustProxy;
  loginPolicy?: LoginPolicy;
  loginRateLimit?: number;
  /** Serve the raw baseline routes of the benchmarks (FORECOURT_BENCH=1); never in production. */
  benchRoutes?: boolean;
  /** The shipped packages (templates/); found beside the server package when absent. */
  templatesDir?: string;
}

/** Builds the HTTP app around an open, migrated database. Listening is the caller's business. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: lazySerializers,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const secret = options.secret ?? (await instanceSecret(options.db, 'cookie'));
  const components = apiComponents([ErrorResponse]);
  registerValidation(app, components.schemas);
  registerComponents(app, components);
  registerRouteCatalog(app);
  registerErrorHandling(app);
  registerWellFormedInput(app);

  await app.register(helmet, {
    // No inline script anywhere: the web app and the API docs page load theirs from files of our own
    // origin. Inline styles stay allowed (antd's CSS-in-JS, the docs page). Upgrading requests to https
    // would break a plain-http install on the dealership's LAN, so it applies only when cookies are secure.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'", 'https:'],
        'upgrade-insecure-requests': options.cookieSecure ? [] : null,
      },
    },
  });
  await app.register(cookie, { secret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: {
      path: '/',
      sameSite: 'strict',
      httpOnly: true,
      signed: true,
      secure: options.cookieSecure ?? false,
    },
    csrfOpts: { hmacKey: secret },
    getUserInfo: (request) => request.actor?.sessionId ?? '',
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, VERSION);
  registerAuth(app, options.db);

  const deps: RouteDeps & FileDeps & PackageDeps = {
    db: options.db,
    mode: options.mode,
    version: VERSION,
    loginPolicy: options.loginPolicy ?? DEFAULT_LOGIN_POLICY,
    loginRateLimit: options.loginRateLimit ?? 30,
    cookieSecure: options.cookieSecure ?? false,
    filesDir: options.filesDir ?? resolve('data', 'files'),
    uploadLimitBytes: (options.uploadLimitMb ?? 20) * 1024 * 1024,
    templatesDir: options.templatesDir ?? defaultTemplatesDir(),
  };
  const routes: FastifyPluginAsyncTypebox<RouteDeps & FileDeps & PackageDeps>[] = [
    healthRoutes,
    authRoutes,
    tokenRoutes,
    auditRoutes,
    userRoutes,
    departmentRoutes,
    roleRoutes,
    directoryRoutes,
    workspaceRoutes,
    appRoutes,
    recordRoutes,
    bulkRecordRoutes,
    historyRoutes,
    commentRoutes,
    recycleBinRoutes,
    viewRoutes,
    fileRoutes,
    exchangeRoutes,
    workflowRoutes,
    automationRoutes,
    taskRoutes,
    signatureRoutes,
    notificationRoutes,
    permissionRoutes,
    publicLinkRoutes,
    packageRoutes,
    webRoutes,
  ];
  if (options.benchRoutes) routes.push(benchRoutes, benchQueryRoutes, benchSeedRoutes);
  for (const plugin of routes) await app.register(plugin, deps);
  return app;
}
