import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOGIN_POLICY, ensureWorkspace, type LoginPolicy } from '@forecourt/engine';
import { buildApp, type TrustProxy } from '@forecourt/server';
import type { FastifyInstance } from 'fastify';
import { Client } from './client';
import { openTestDatabase, type TestDatabase } from './db';

export const ADMIN = { email: 'admin@dealer.test', password: 'admin-password-1' };

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  workspaceId: string;
  /** The app's file store: a temporary directory of its own unless one was given, removed on close. */
  filesDir: string;
  /** A client logged in as the first admin, cookie and CSRF token included. */
  admin: Client;
  anonymous(): Client;
  close(): Promise<void>;
}

/** The real app on a database of its own, driven in-process through app.inject. */
export async function testApp(
  options: {
    loginPolicy?: Partial<LoginPolicy>;
    loginRateLimit?: number;
    bodyLimit?: number;
    uploadLimitMb?: number;
    filesDir?: string;
    /** FORECOURT_TRUST_PROXY as read (parseTrustProxy); none unless given. */
    trustProxy?: TrustProxy;
    /** Where the server writes its log lines (JSON, from `info` up); none unless TEST_LOG is set. */
    logLines?: string[];
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const filesDir = options.filesDir ?? (await mkdtemp(join(tmpdir(), 'forecourt-files-')));
  const boot = await database.db
    .transaction()
    .execute((trx) => ensureWorkspace(trx, { adminEmail: ADMIN.email, adminPassword: ADMIN.password }));
  const app = await buildApp({
    db: database.db,
    mode: database.mode,
    secret: 'test-secret-that-is-long-enough-0123456789',
    loginPolicy: { ...DEFAULT_LOGIN_POLICY, ...options.loginPolicy },
    loginRateLimit: options.loginRateLimit ?? 10_000,
    bodyLimit: options.bodyLimit,
    uploadLimitMb: options.uploadLimitMb,
    filesDir,
    trustProxy: options.trustProxy,
    ...(options.logLines
      ? { logger: { level: 'info', stream: { write: (line: string) => options.logLines!.push(line) } } }
      : process.env.TEST_LOG
        ? { logger: { level: 'error' } }
        : {}),
  });
  await app.ready();
  const admin = new Client(app);
  await admin.login(ADMIN.email, ADMIN.password);
  return {
    app,
    database,
    workspaceId: boot.workspaceId,
    filesDir,
    admin,
    anonymous: () => new Client(app),
    close: async () => {
      await app.close();
      await database.close();
      if (!options.filesDir) await rm(filesDir, { recursive: true, force: true });
    },
  };
}
