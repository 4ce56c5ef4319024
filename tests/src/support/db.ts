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
 * A database of its own for one test file: a fresh PGlite in memory, or a fresh schema on the test
 * PostgreSQL (reached through search_path). Closing drops the schema.
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const handle = testDatabaseKind() === 'postgres' ? await openPostgresSchema() : await openPglite();
  if (options.migrate !== false) await withDdlLock(() => migrateToLatest(handle.db as Kysely<unknown>));
  return handle;
}

const DDL_LOCK = 7_406_113;

/**
 * Test files share one PostgreSQL database, one schema each. Kysely's migrator introspects every
 * schema, and fails if another file drops a table meanwhile; so migrations and schema drops of all
 * test files take turns under one advisory lock. (Production has one schema: no such race.)
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

async function openPostgresSchema(): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  const url = schemaUrl(schema);
  const handle = await openDatabase({ url, poolSize: 40 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await withDdlLock(() => adminQuery(`drop schema if exists ${schema} cascade`));
    },
  };
}

/** A connection string whose sessions see only the given schema. */
export function schemaUrl(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function createTestSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  return {
    url: schemaUrl(schema),
    drop: () => withDdlLock(() => adminQuery(`drop schema if exists ${schema} cascade`)),
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
