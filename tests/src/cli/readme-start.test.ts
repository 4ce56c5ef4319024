import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '@forecourt/engine';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, withDdlLock } from '../support/db';
import { REPO_ROOT, testDatabaseKind } from '../support/env';

/** The README's first fenced block: the start command, then the test command. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /```[a-z]*\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block.split('\n').filter((line) => line.trim());
}

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'forecourt-readme-'));
  env = { ...process.env, PORT: '0', LOG_LEVEL: 'warn', FORECOURT_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  let drop = async () => {};
  if (testDatabaseKind() === 'postgres') {
    const scratch = await createTestDatabase();
    env.DATABASE_URL = scratch.url;
    drop = scratch.drop;
    // Migrated here, under the test files' DDL lock (see support/db.ts); the server then finds it up to date.
    const database = await openDatabase({ url: scratch.url, poolSize: 1 });
    await withDdlLock(() => migrateToLatest(database.db as Kysely<unknown>));
    await database.close();
  }
  cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await drop();
  };
});
afterAll(() => cleanup?.());

async function start(command: string): Promise<Started> {
  const child = spawn('bash', ['-c', command], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start banner after 90 s:\n${output}`)), 90_000);
    const check = () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before starting:\n${output}`)));
  });
  return { child, output: () => output, url };
}

/**
 * Ctrl-C in a terminal: SIGINT to the whole process group. Wrappers (npx, pnpm) may die of the
 * signal at once; what counts is that the server itself shuts down cleanly, so this waits until
 * every process holding the output has let go of it.
 */
function interrupt(started: Started): Promise<string> {
  return new Promise((resolve) => {
    started.child.on('close', () => resolve(started.output()));
    process.kill(-started.child.pid!, 'SIGINT');
  });
}

async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("the README's start command", () => {
  it('installs-and-starts as one line, and its start half serves, logs in, and keeps data across Ctrl-C', async () => {
    const [startLine, testLine] = readmeCommands();
    const [install, startCommand] = startLine!.split('&&').map((part) => part.trim());
    expect(install).toBe('npx --yes pnpm@12.4.2 install');
    expect(startCommand).toBe('npx --yes pnpm@12.4.2 start');
    expect(testLine).toBe('npx --yes pnpm@12.4.2 install && npx --yes pnpm@12.4.2 test');

    const first = await start(startCommand!);
    const health = await json(`${first.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      mode: testDatabaseKind(),
      database: { reachable: true },
    });
    const credentials = /Log in as (\S+) with the password (\S+) /.exec(first.output());
    expect(credentials, first.output()).toBeTruthy();
    const [, email, password] = credentials!;

    const login = await json(`${first.url}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const headers = { cookie, 'x-csrf-token': login.body.csrfToken };
    const created = await json(`${first.url}/api/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'persisted@dealer.test', name: '留存', password: 'password-123' }),
    });
    expect(created.status).toBe(201);
    // A JSONata formula runs in an expression worker: the bundle must find and start the worker file.
    const post = (path: string, body?: unknown) =>
      json(`${first.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
    expect((await post('/api/apps', { id: 'app_readme', name: { zh: '演示', en: 'Demo' } })).status).toBe(
      201,
    );
    const form = await post('/api/apps/app_readme/forms', {
      id: 'frm_readme',
      title: { zh: '报价', en: 'Quote' },
      fields: [
        { id: 'f_qty', type: 'number', label: { zh: '数量', en: 'Qty' } },
        {
          id: 'f_total',
          type: 'formula',
          label: { zh: '合计', en: 'Total' },
          expression: '$round(f_qty * 1.13, 2)',
          resultType: 'number',
        },
      ],
    });
    expect(form.status, JSON.stringify(form.body)).toBe(201);
    expect((await post('/api/forms/frm_readme/publish')).status).toBe(200);
    const record = await post('/api/forms/frm_readme/records', { data: { f_qty: 3 } });
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    expect(record.body.data.f_total).toBe(3.39);
    expect(await interrupt(first)).toContain('Forecourt stopped cleanly.');

    const second = await start(startCommand!);
    expect(second.output()).not.toContain(password);
    expect(second.output()).toContain(`Log in as ${email}`);
    const again = await json(`${second.url}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: 'persisted@dealer.test', password: 'password-123' }),
    });
    expect(again.status).toBe(200);
    expect(again.body.user.name).toBe('留存');
    expect(await interrupt(second)).toContain('Forecourt stopped cleanly.');
  }, 240_000);
});
