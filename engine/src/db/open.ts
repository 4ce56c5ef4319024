import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Driver, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema';
import { SerialDriver } from './serial-driver';

export type DatabaseMode = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; absent selects embedded PGlite. */
  url?: string;
  /** PGlite data directory; absent with no url means in memory (tests). */
  dataDir?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * A dumped bare PGlite cluster to start an empty data directory from instead of running initdb,
   * which takes seconds (see pglite-template.ts). Ignored when the directory already holds a cluster.
   */
  pgliteTemplate?: Blob;
  /** Statement timeout for every PostgreSQL session, in ms (0 = none). */
  statementTimeoutMs?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  mode: DatabaseMode;
  /** Closes the pool or flushes and closes PGlite; safe to call twice. */
  close(): Promise<void>;
}

class SerialPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    return new SerialDriver(super.createDriver());
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  // Each mode loads only its own driver: PGlite's WebAssembly is not read when PostgreSQL is used.
  const dialect = options.url ? await postgresDialect(options) : await pgliteDialect(options);
  const db = new Kysely<Database>({ dialect });
  let closed: Promise<void> | undefined;
  return {
    db,
    mode: options.url ? 'postgres' : 'pglite',
    close: () => {
      closed ??= db.destroy();
      return closed;
    },
  };
}

async function postgresDialect(options: DatabaseOptions): Promise<PostgresDialect> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A database host that stops answering fails a request (503) within 30 s instead of holding it
    // for ever; generous, so that a busy machine is not mistaken for a lost database.
    connectionTimeoutMillis: 30_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // A client that loses its server must not crash the process: pg emits 'error' on the client, and a
  // checked-out one has no listener (the pool listens only while idle). Its query fails with the cause,
  // and the pool drops the broken client on release and connects a new one for the next query.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new PostgresDialect({ pool });
}

async function pgliteDialect(options: DatabaseOptions): Promise<PGliteDialect> {
  const { PGlite } = await import('@electric-sql/pglite');
  const fresh = !options.dataDir || !existsSync(join(options.dataDir, 'PG_VERSION'));
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    ...(fresh && options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
  });
  return new SerialPGliteDialect({ pglite });
}

/** One round trip that proves the database answers, with its latency. */
export async function pingDatabase(db: Kysely<Database>): Promise<{ ok: boolean; latencyMs: number }> {
  const started = performance.now();
  try {
    await sql`select 1`.execute(db);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - started) };
  }
}
