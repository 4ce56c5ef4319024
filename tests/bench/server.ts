import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_ADMIN = { email: 'bench@forecourt.local', password: 'bench-password-1' };

export interface BenchServer {
  url: string;
  mode: 'postgres' | 'pglite';
  /** A bearer token of the admin, so requests need no cookie or CSRF token. */
  token: string;
  workspaceId: string;
  /** The server process, for memory readings. */
  pid: number;
  stop(): Promise<void>;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** Starts the real server (bundled, plain node) with the baseline routes, on a fresh database of the mode. */
export async function startBenchServer(
  repoRoot: string,
  mode: 'postgres' | 'pglite',
  nodeArgs: string[] = [],
): Promise<BenchServer> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot });
  const dataDir = mkdtempSync(join(tmpdir(), 'forecourt-bench-'));
  const schema = `bench_${process.pid}_${Date.now()}`;
  const env: Record<string, string> = {
    PORT: '0',
    LOG_LEVEL: 'warn',
    FORECOURT_BENCH: 'true',
    FORECOURT_DATA_DIR: dataDir,
    FORECOURT_CACHE_DIR: join(repoRoot, 'node_modules/.cache/forecourt'),
    FORECOURT_ADMIN_EMAIL: BENCH_ADMIN.email,
    FORECOURT_ADMIN_PASSWORD: BENCH_ADMIN.password,
    FORECOURT_DB_POOL: '20',
  };
  if (mode === 'postgres') {
    await admin(`create schema ${schema}`);
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'server/dist/forecourt.mjs'), 'start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`server exited:\n${output}`));
      }
    }, 20);
  });
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const { user, csrfToken } = (await login.json()) as { user: { workspaceId: string }; csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  const { token } = (await created.json()) as { token: string };
  return {
    url,
    mode,
    token,
    workspaceId: user.workspaceId,
    pid: child.pid!,
    stop: async () => {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
      if (mode === 'postgres') await admin(`drop schema if exists ${schema} cascade`);
    },
  };
}

/** A JSON request with the bench token; throws with the server's words on an error status. */
export async function call(server: BenchServer, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGINT');
  });
}

export async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
