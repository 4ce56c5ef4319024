import { join } from 'node:path';
import {
  type BootstrapResult,
  configureExpressions,
  createOutboundClient,
  type DatabaseHandle,
  ensureWorkspace,
  migrateToLatest,
  openDatabase,
  pgliteTemplateFile,
  readPgliteTemplate,
  startWorker,
  stopExpressionWorkers,
  warmExpressionWorkers,
} from '@forecourt/engine';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from './app';
import type { Config } from './config';
import { lockDataDir } from './data-lock';
import { explainStartFailure } from './start-errors';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  bootstrap: BootstrapResult;
  /**
   * Stops accepting, lets in-flight requests and the jobs in hand finish, then closes the database
   * cleanly. A job cut short by a kill instead is taken again once its lease runs out.
   */
  stop(): Promise<void>;
}

/**
 * Opens the configured database. PGlite's folder is locked first and stays locked until `close()`;
 * on PostgreSQL any number of processes share the database (and the files folder).
 */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.DATABASE_URL)
    return openDatabase({ url: config.DATABASE_URL, poolSize: config.FORECOURT_DB_POOL });
  const lock = lockDataDir(config.FORECOURT_DATA_DIR);
  try {
    const database = await openDatabase({
      dataDir: config.FORECOURT_DATA_DIR,
      pgliteTemplate: readPgliteTemplate(pgliteTemplateFile(config.FORECOURT_CACHE_DIR)),
    });
    return { ...database, close: () => database.close().finally(() => lock.release()) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Opens and migrates the database, creates the first workspace if there is none, and listens. What a
 * person can fix (a taken port, an unreachable database, a locked data folder) rejects with a StartupError.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  try {
    return await startOrThrow(config);
  } catch (error) {
    await stopExpressionWorkers();
    throw explainStartFailure(error, config);
  }
}

async function startOrThrow(config: Config): Promise<RunningServer> {
  configureExpressions({
    ...(config.FORECOURT_EXPRESSION_WORKERS > 0 ? { workers: config.FORECOURT_EXPRESSION_WORKERS } : {}),
    evaluationCpuMs: config.FORECOURT_EXPRESSION_CPU_MS,
    requestCpuMs: config.FORECOURT_EXPRESSION_REQUEST_CPU_MS,
  });
  warmExpressionWorkers();
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db as Kysely<unknown>);
    const bootstrap = await database.db.transaction().execute((trx) =>
      ensureWorkspace(trx, {
        adminEmail: config.FORECOURT_ADMIN_EMAIL,
        adminPassword: config.FORECOURT_ADMIN_PASSWORD,
      }),
    );
    const app = await buildApp({
      db: database.db,
      mode: database.mode,
      logger: { level: config.LOG_LEVEL },
      bodyLimit: config.FORECOURT_BODY_LIMIT,
      uploadLimitMb: config.FORECOURT_UPLOAD_LIMIT_MB,
      // Uploads live next to the PGlite data, and there in PostgreSQL mode too: the database holds no bytes.
      filesDir: join(config.FORECOURT_DATA_DIR, 'files'),
      secret: config.FORECOURT_SECRET,
      cookieSecure: config.FORECOURT_COOKIE_SECURE,
      trustProxy: config.FORECOURT_TRUST_PROXY,
      loginPolicy: {
        maxFailures: config.FORECOURT_LOGIN_MAX_FAILURES,
        accountMaxFailures: config.FORECOURT_LOGIN_ACCOUNT_MAX_FAILURES,
        lockMinutes: config.FORECOURT_LOGIN_LOCK_MINUTES,
        sessionHours: config.FORECOURT_SESSION_HOURS,
      },
      loginRateLimit: config.FORECOURT_LOGIN_RATE_LIMIT,
      benchRoutes: config.FORECOURT_BENCH,
    });
    await app.listen({ port: config.PORT, host: config.HOST });
    // Every process runs the job worker: they share the jobs table through leases (engine/src/jobs).
    const worker =
      config.FORECOURT_WORKER === 'on'
        ? startWorker(database.db, {
            mode: database.mode,
            log: app.log,
            leaseMs: config.FORECOURT_JOB_LEASE_SECONDS * 1000,
            outbound: createOutboundClient({ allow: config.FORECOURT_OUTBOUND_ALLOW }),
          })
        : undefined;
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
    let stopped: Promise<void> | undefined;
    return {
      app,
      database,
      url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
      bootstrap,
      stop: () => {
        // Both finish before the database closes, even when closing the app fails.
        stopped ??= Promise.allSettled([app.close(), worker?.stop()]).then(async ([closedApp]) => {
          await stopExpressionWorkers();
          await database.close();
          if (closedApp.status === 'rejected') throw closedApp.reason;
        });
        return stopped;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
