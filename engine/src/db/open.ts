import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type Driver, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
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
   * A dumped PGlite data directory (`dumpDataDir`) to start from instead of running initdb, which
   * takes seconds: tests load a bare cluster made once per run.
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
  const dialect = options.url ? postgresDialect(options) : await pgliteDialect(options);
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

function postgresDialect(options: DatabaseOptions): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return new PostgresDialect({ pool });
}

async function pgliteDialect(options: DatabaseOptions): Promise<PGliteDialect> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
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
