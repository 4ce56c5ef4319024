import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '@forecourt/engine';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, withDdlLock } from '../support/db';
import { testDatabaseKind } from '../support/env';
import { bearerToken, buildServer, callApi, ServerProcess } from '../support/server-process';

/**
 * PostgreSQL going away under a running server: a TCP proxy of our own stands between the server and
 * the shared PostgreSQL (which other test files use, so it is never stopped), and the test cuts it.
 * PGlite lives inside the server process: it cannot be lost while the server runs.
 */
class CuttableProxy {
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
      this.#track(client);
      this.#track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  /** Every open connection is cut and new ones are refused, as when the database host goes down. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
  }
}

const postgres = testDatabaseKind() === 'postgres';
const ADMIN = { email: 'lost@dealer.test', password: 'lost-db-password-1' };
let proxy: CuttableProxy;
let server: ServerProcess;
let cleanup = async () => {};

beforeAll(async () => {
  if (!postgres) return;
  buildServer();
  const scratch = await createTestDatabase();
  const database = await openDatabase({ url: scratch.url, poolSize: 1 });
  await withDdlLock(() => migrateToLatest(database.db as Kysely<unknown>));
  await database.close();
  const target = new URL(scratch.url);
  proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
  await proxy.open();
  const viaProxy = new URL(scratch.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const dataDir = mkdtempSync(join(tmpdir(), 'forecourt-lost-'));
  server = new ServerProcess('server', {
    DATABASE_URL: viaProxy.toString(),
    FORECOURT_DATA_DIR: dataDir,
    FORECOURT_ADMIN_EMAIL: ADMIN.email,
    FORECOURT_ADMIN_PASSWORD: ADMIN.password,
    FORECOURT_DB_POOL: '3',
    LOG_LEVEL: 'warn',
  });
  await server.start();
  cleanup = async () => {
    await server.stop();
    await proxy.cut();
    rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  };
}, 120_000);
afterAll(() => cleanup());

async function sessionCookie(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function status(url: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { headers, signal: AbortSignal.timeout(20_000) });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
}

describe.runIf(postgres)('the database lost while the server runs', () => {
  it('answers 503 with Retry-After (API and health, with or without a cookie) and recovers by itself', async () => {
    const url = server.url!;
    const token = await bearerToken(url, ADMIN.email, ADMIN.password);
    const cookie = await sessionCookie(url);
    const auth = { authorization: `Bearer ${token}` };
    expect((await status(url, '/api/apps', auth)).status).toBe(200);

    await proxy.cut();
    const apps = await status(url, '/api/apps', auth);
    expect(apps.status, JSON.stringify(apps.body)).toBe(503);
    expect(apps.body.error.code).toBe('unavailable');
    expect(Number(apps.retryAfter)).toBeGreaterThan(0);
    const me = await status(url, '/api/me', { cookie });
    expect(me.status).toBe(503);
    expect(Number(me.retryAfter)).toBeGreaterThan(0);
    const login = await callApi(url, undefined, 'POST', '/api/auth/login', ADMIN);
    expect(login.status).toBe(503);
    const health = await status(url, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { reachable: false } });
    expect(Number(health.retryAfter)).toBeGreaterThan(0);
    expect((await status(url, '/api/health', { cookie })).status).toBe(503);

    await proxy.open(); // the same port again: the server's pool reconnects on its own
    const deadline = Date.now() + 20_000;
    let again = await status(url, '/api/apps', auth);
    while (again.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      again = await status(url, '/api/apps', auth);
    }
    expect(again.status).toBe(200);
    expect((await status(url, '/api/health', { cookie })).status).toBe(200);
    expect((await status(url, '/api/me', { cookie })).status).toBe(200);
    expect(server.output).not.toMatch(/"unhandled error"/);
  }, 90_000);
});
