import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './env';

/** Bundles the server (scripts/build.mjs, ~200 ms) so that it starts with plain `node`, as in production. */
export function buildServer(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT });
}

/**
 * One `forecourt start` process of the built server that a test can SIGKILL and start again, on
 * the same environment (database, data directory) every time. The output of all its lives is kept,
 * so a test can look for errors logged by any of them.
 */
export class ServerProcess {
  #child: ChildProcess | undefined;
  #url: string | undefined;
  #output = '';

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  /** The base URL while the process is up and serving; undefined while down or starting. */
  get url(): string | undefined {
    return this.#url;
  }

  get output(): string {
    return this.#output;
  }

  /** The process id while it runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts the process and resolves with its URL once it prints its start banner ("running at"). */
  start(): Promise<string> {
    if (this.#child) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, [join(REPO_ROOT, 'server/dist/forecourt.mjs'), 'start'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    let banner = '';
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no start banner after 90 s`)), 90_000);
      child.stdout!.on('data', (chunk) => {
        this.#output += chunk;
        if (this.#url || this.#child !== child) return;
        banner += chunk;
        const match = /running at (http:\/\/\S+)/.exec(banner);
        if (match) {
          clearTimeout(timer);
          this.#url = match[1]!;
          resolve(this.#url);
        }
      });
      child.stderr!.on('data', (chunk) => (this.#output += chunk));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.#child === child) {
          this.#child = undefined;
          this.#url = undefined;
        }
        reject(
          new Error(
            `${this.name} exited (${signal ?? code}) before starting:\n${this.#output.slice(-2_000)}`,
          ),
        );
      });
    });
  }

  /** SIGKILL: no shutdown code runs, open requests and transactions are cut off where they are. */
  kill(): Promise<void> {
    return this.#signal('SIGKILL');
  }

  /** SIGINT: the graceful stop (in-flight requests and jobs finish, the database closes). */
  stop(): Promise<void> {
    return this.#signal('SIGINT');
  }

  #signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    this.#url = undefined; // from now on no new request goes here
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.#child = undefined;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      child.once('exit', () => {
        if (this.#child === child) this.#child = undefined;
        resolve();
      });
      child.kill(signal);
    });
  }
}

export interface ApiAnswer {
  /** 0 when no answer came: the connection was refused or cut (the server died meanwhile). */
  status: number;
  body: any;
}

/** A JSON request with a bearer token; a network failure is an answer with status 0, never a throw. */
export async function callApi(
  url: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the message
    }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}

/** Logs in with e-mail and password and makes a bearer token for the user, so that no cookie is needed. */
export async function bearerToken(url: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'crash test' }),
  });
  const answer = (await created.json()) as { token: string };
  if (created.status !== 201)
    throw new Error(`token of ${email} failed: ${created.status} ${JSON.stringify(answer)}`);
  return answer.token;
}
