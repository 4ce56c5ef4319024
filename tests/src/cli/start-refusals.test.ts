import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '@forecourt/engine';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, withDdlLock } from '../support/db';
import { REPO_ROOT, TEST_DATABASE_URL, testDatabaseKind } from '../support/env';
import { buildServer, ServerProcess } from '../support/server-process';

/**
 * Starts a person cannot complete end with one "Forecourt cannot start" line that names the cause and
 * the fix, and exit code 1; never a raw stack. Real processes of the built server.
 */

interface Refusal {
  code: number | null;
  output: string;
}

/** Runs `forecourt start` and expects it to stop by itself; a banner means it came up (a failure here). */
function startExpectingRefusal(env: Record<string, string>): Promise<Refusal> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'server/dist/forecourt.mjs'), 'start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
    if (/running at http/.test(output)) child.kill('SIGKILL');
  });
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

function expectPlainRefusal(refusal: Refusal, ...words: (string | RegExp)[]): void {
  expect(refusal.output, refusal.output).toMatch(/^Forecourt cannot start/m);
  for (const word of words) expect(refusal.output).toMatch(word);
  expect(refusal.output).not.toMatch(/\n\s+at /); // no stack trace
  expect(refusal.code).toBe(1);
}

const dirs: string[] = [];
const servers: ServerProcess[] = [];
let dbEnv: Record<string, string> = {};
let drop = async () => {};

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forecourt-refusal-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  buildServer();
  if (testDatabaseKind() === 'postgres') {
    const scratch = await createTestDatabase();
    drop = scratch.drop;
    dbEnv = { DATABASE_URL: scratch.url };
    const database = await openDatabase({ url: scratch.url, poolSize: 1 });
    await withDdlLock(() => migrateToLatest(database.db as Kysely<unknown>));
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await drop();
});

describe('a start that cannot complete says why and what to do', () => {
  it('a taken port', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const refusal = await startExpectingRefusal({
        ...dbEnv,
        FORECOURT_DATA_DIR: dataDir(),
        PORT: String(port),
      });
      expectPlainRefusal(refusal, `port ${port}`, /PORT/);
    } finally {
      taken.close();
    }
  }, 60_000);

  describe.runIf(testDatabaseKind() === 'postgres')('PostgreSQL', () => {
    it('an unreachable database names DATABASE_URL', async () => {
      const closed: Server = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as { port: number }).port;
      await new Promise((resolve) => closed.close(resolve));
      const refusal = await startExpectingRefusal({
        FORECOURT_DATA_DIR: dataDir(),
        DATABASE_URL: `postgres://postgres:secret-pw@127.0.0.1:${port}/test`,
      });
      expectPlainRefusal(refusal, /DATABASE_URL/, `127.0.0.1:${port}`, /cannot be reached/);
      expect(refusal.output).not.toContain('secret-pw');
    }, 60_000);

    it('a database that does not exist', async () => {
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = '/forecourt_no_such_database';
      const refusal = await startExpectingRefusal({
        FORECOURT_DATA_DIR: dataDir(),
        DATABASE_URL: url.toString(),
      });
      expectPlainRefusal(refusal, /DATABASE_URL/, /forecourt_no_such_database/, /does not exist/, /createdb/);
    }, 60_000);

    it('a role that does not exist', async () => {
      const url = new URL(TEST_DATABASE_URL);
      url.username = 'forecourt_no_such_role';
      const refusal = await startExpectingRefusal({
        FORECOURT_DATA_DIR: dataDir(),
        DATABASE_URL: url.toString(),
      });
      expectPlainRefusal(refusal, /DATABASE_URL/, /forecourt_no_such_role/, /createuser|role/);
    }, 60_000);

    it('two processes may share a data folder on PostgreSQL (the database holds the data)', async () => {
      const env = { ...dbEnv, FORECOURT_DATA_DIR: dataDir(), LOG_LEVEL: 'warn' };
      const first = new ServerProcess('first', env);
      const second = new ServerProcess('second', env);
      servers.push(first, second);
      await first.start();
      await second.start();
      await Promise.all([first.stop(), second.stop()]);
    }, 90_000);
  });

  describe.runIf(testDatabaseKind() === 'pglite')('the PGlite data folder has one owner', () => {
    it('refuses a second server on the same folder, naming the first; a killed owner leaves no lock', async () => {
      const env = { FORECOURT_DATA_DIR: dataDir(), LOG_LEVEL: 'warn' };
      const first = new ServerProcess('first', env);
      servers.push(first);
      const url = await first.start();
      const pid = (await fetch(`${url}/api/health`)).ok ? first.pid : undefined;
      expect(pid).toBeGreaterThan(0);

      const refusal = await startExpectingRefusal(env);
      expectPlainRefusal(refusal, /in use/, `pid ${pid}`, /FORECOURT_DATA_DIR/);

      // kill -9: no shutdown code runs, the lock file stays behind with a pid that is gone.
      await first.kill();
      const again = new ServerProcess('again', env);
      servers.push(again);
      const next = await again.start();
      expect((await fetch(`${next}/api/health`)).status).toBe(200);

      // A clean stop releases it: the next start does not even need to recover a stale lock.
      await again.stop();
      expect(again.output).toContain('Forecourt stopped cleanly.');
      const third = new ServerProcess('third', env);
      servers.push(third);
      await third.start();
      await third.stop();
    }, 120_000);
  });
});
