import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockDataDir, StartupError } from '@forecourt/server';
import { afterEach, describe, expect, it } from 'vitest';

/** The PGlite data folder's lock file (server/src/data-lock.ts); the real-process test is in src/cli. */
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function leaveLock(owner: { pid: number; host: string; incarnation?: string }, ageMs = 0) {
  dir = mkdtempSync(join(tmpdir(), 'forecourt-lock-'));
  const file = join(dir, LOCK_FILE);
  writeFileSync(file, `${JSON.stringify({ ...owner, startedAt: '2026-01-01T00:00:00.000Z' })}\n`);
  const then = new Date(Date.now() - ageMs);
  utimesSync(file, then, then);
  return file;
}

/** A pid that surely ran and is gone: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('the data folder lock', () => {
  it('is taken, names its owner, refuses a second taker and is released', () => {
    dir = mkdtempSync(join(tmpdir(), 'forecourt-lock-'));
    const lock = lockDataDir(dir);
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses while a live process on this host holds it', () => {
    leaveLock({ pid: process.ppid, host: hostname() });
    expect(() => lockDataDir(dir)).toThrow(StartupError);
    try {
      lockDataDir(dir);
    } catch (error) {
      expect((error as StartupError).code).toBe('data_dir_in_use');
      expect((error as StartupError).params).toMatchObject({ pid: process.ppid });
    }
  });

  it('takes over a lock whose process is gone, or that names our own pid (a restarted container)', () => {
    leaveLock({ pid: deadPid(), host: hostname() });
    lockDataDir(dir).release();
    rmSync(dir, { recursive: true, force: true });
    leaveLock({ pid: process.pid, host: hostname() });
    lockDataDir(dir).release();
  });

  it('takes over a lock whose pid now belongs to another process (a reused pid after a restart)', () => {
    // The parent is alive, but it is not the process that wrote this lock: its start differs.
    leaveLock({ pid: process.ppid, host: hostname(), incarnation: 'another-boot:1' });
    lockDataDir(dir).release();
    // The same pid with its own incarnation is the owner still.
    const ours = readFileSync(`/proc/sys/kernel/random/boot_id`, 'utf8').trim();
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const tick = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    rmSync(dir, { recursive: true, force: true });
    leaveLock({ pid: process.ppid, host: hostname(), incarnation: `${ours}:${tick}` });
    expect(() => lockDataDir(dir)).toThrow(StartupError);
  });

  it('on another host: held while its owner touches it, stale after a silent minute', () => {
    leaveLock({ pid: 1, host: 'another-host' });
    expect(() => lockDataDir(dir)).toThrow(/another-host/);
    rmSync(dir, { recursive: true, force: true });
    leaveLock({ pid: 1, host: 'another-host' }, 120_000);
    lockDataDir(dir).release();
  });
});
