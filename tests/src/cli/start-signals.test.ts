import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, testDatabaseKind } from '../support/env';

/**
 * `npx --yes pnpm@12.4.2 start` (the README's command) and the signals a person or a supervisor sends:
 * the wrappers (npx, its `sh -c pnpm`, pnpm) must not swallow them, and a clean stop is a success.
 * The database plays no part here: PGlite only (it also shows the data folder's lock is released).
 */

const START = 'npx --yes pnpm@12.4.2 start';
const dirs: string[] = [];
const groups: number[] = [];

afterAll(() => {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL'); // only if a test failed and left the group running
    } catch {
      // already gone
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  dataDir: string;
  output: () => string;
  url: string;
}

/** The README's start command in its own process group, as a terminal (or systemd) would run it. */
async function start(): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forecourt-signals-'));
  dirs.push(dataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'warn',
    FORECOURT_DATA_DIR: dataDir,
  };
  delete env.DATABASE_URL;
  // bash execs a lone command: the group's leader is npx itself.
  const child = spawn('bash', ['-c', START], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  groups.push(child.pid!);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start banner after 120 s:\n${output}`)), 120_000);
    child.stdout!.on('data', () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before starting:\n${output}`)));
  });
  return { child, dataDir, output: () => output, url };
}

/** Every process the start command made, the server included (it runs in a group of its own). */
function processesOf(started: Started): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  const group = String(started.child.pid);
  return table
    .split('\n')
    .filter((line) => line.trim().split(/\s+/)[1] === group)
    .concat(serverProcesses(started));
}

/** The server shows its data folder nowhere in ps; find it by its environment. */
function serverProcesses(started: Started): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => line.includes('forecourt.mjs start'))
    .filter((line) => {
      const pid = line.trim().split(/\s+/)[0];
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`FORECOURT_DATA_DIR=${started.dataDir}`);
      } catch {
        return false;
      }
    });
}

async function allGone(started: Started, ms = 30_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let left = processesOf(started);
  while (left.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = processesOf(started);
  }
  return left;
}

describe.runIf(testDatabaseKind() === 'pglite')('pnpm start passes signals to the server', () => {
  it('kill -TERM of the npx wrapper stops the server cleanly, leaving no process and no lock', async () => {
    const started = await start();
    expect((await fetch(`${started.url}/api/health`)).status).toBe(200);
    process.kill(started.child.pid!, 'SIGTERM'); // the wrapper only, not its group
    expect(await allGone(started)).toEqual([]);
    await expect(fetch(`${started.url}/api/health`)).rejects.toThrow();
    expect(started.output()).toContain('Forecourt stopped cleanly.');
    expect(existsSync(join(started.dataDir, 'forecourt.lock'))).toBe(false);
  }, 240_000);

  it('Ctrl-C (SIGINT to the process group) stops cleanly, and pnpm reports no failure', async () => {
    const started = await start();
    const exited = new Promise<void>((resolve) => started.child.on('close', () => resolve()));
    process.kill(-started.child.pid!, 'SIGINT');
    await exited;
    expect(started.output()).toContain('Forecourt stopped cleanly.');
    expect(started.output()).not.toMatch(/ELIFECYCLE|Command failed/);
    expect(await allGone(started)).toEqual([]);
  }, 240_000);
});
