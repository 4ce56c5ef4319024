import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '@forecourt/engine';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { PGLITE_TEMPLATE, TEST_DATABASE_URL, testDatabaseKind } from './env';

export interface TestDatabase extends DatabaseHandle {
  /** A URL a separate process can use to reach the same data (PostgreSQL only). */
  url?: string;
}

/**
 * A database of its own for one test file: a fresh PGlite in memory, or a fresh database on the test
 * PostgreSQL. Closing drops it. A database, not a schema in a shared one: PostgreSQL's CREATE INDEX
 * CONCURRENTLY waits for every older transaction in its database, so files sharing one database wait
 * on each other's index builds and teardowns (under a moved clock, where PostgreSQL's deadlock timer
 * never fires, such a chain hung the suite).
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const handle = testDatabaseKind() === 'postgres' ? await openPostgresDatabase() : await openPglite();
  if (options.migrate !== false) await withDdlLock(() => migrateToLatest(handle.db as Kysely<unknown>));
  return handle;
}

const DDL_LOCK = 7_406_113;

/**
 * Migrations and database drops of all test files take turns under one advisory lock: creating a
 * database copies template1, which must then have no other session, and a file's teardown must not
 * race another file's migration on the shared server. (Production has one database: no such race.)
 */
export async function withDdlLock<T>(work: () => Promise<T>): Promise<T> {
  if (testDatabaseKind() !== 'postgres') return work();
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [DDL_LOCK]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [DDL_LOCK]).catch(() => {});
    await client.end();
  }
}

async function openPglite(): Promise<TestDatabase> {
  const template = new Blob([readFileSync(PGLITE_TEMPLATE)]);
  return openDatabase({ pgliteTemplate: template });
}

async function openPostgresDatabase(): Promise<TestDatabase> {
  const scratch = await createTestDatabase();
  const handle = await openDatabase({ url: scratch.url, poolSize: 40 });
  return {
    ...handle,
    url: scratch.url,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

/** A fresh, empty database on the test PostgreSQL, for a file or a process of its own. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withDdlLock(() => adminQuery(`create database ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE ends sessions a killed child process or a timed-out test left behind.
    drop: () => withDdlLock(() => adminQuery(`drop database if exists ${name} with (force)`)),
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
