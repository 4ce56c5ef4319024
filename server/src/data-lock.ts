import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StartupError } from './start-errors';

/**
 * PGlite is one process's database: two processes writing the same folder each keep their own copy in
 * memory and one side's acknowledged writes are lost. So the folder has one owner, named in a lock file
 * (pid, host, start time). A lock whose process is gone (kill -9, power loss) is stale and taken over.
 */
export const LOCK_FILE = 'forecourt.lock';

interface Owner {
  pid: number;
  host: string;
  startedAt: string;
  /** The boot and the kernel's start tick of the process (Linux): a pid reused after a kill -9 differs. */
  incarnation?: string;
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const mine: Owner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    incarnation: incarnationOf(process.pid),
  };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 20; attempt++) {
    if (createExclusive(file, text)) {
      const heartbeat = setInterval(() => touch(file), HEARTBEAT_MS).unref();
      return {
        release: () => {
          clearInterval(heartbeat);
          releaseIfMine(file, text);
        },
      };
    }
    const seen = readOwner(file);
    if (seen === 'gone') continue;
    if (seen !== 'unreadable' && isAlive(seen, file)) throw inUse(dataDir, seen);
    removeStale(file, seen);
  }
  throw new StartupError(
    'data_dir_lock',
    `the lock file ${file} keeps changing: another process is starting on the same FORECOURT_DATA_DIR.`,
    { dataDir },
  );
}

/**
 * Written whole to a file of our own, then linked into place: link() fails if the name exists, like
 * open(O_EXCL), and no reader ever sees a half-written lock.
 */
function createExclusive(file: string, text: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, text, { flag: 'wx' });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readOwner(file: string): Owner | 'gone' | 'unreadable' {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return typeof owner.pid === 'number' ? owner : 'unreadable';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
}

/**
 * The owner touches the lock every 10 s. On another host (a new container has a new host name, a network
 * share may be mounted twice) the pid means nothing here: the owner is alive while the touches go on.
 */
const HEARTBEAT_MS = 10_000;
const SILENT_HOST_MS = 60_000;

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // removed by hand: the next start will make a new one
  }
}

function isAlive(owner: Owner, file: string): boolean {
  if (owner.host !== hostname()) {
    try {
      return Date.now() - statSync(file).mtimeMs < SILENT_HOST_MS;
    } catch {
      return false;
    }
  }
  // In a restarted container the dead owner's pid can be ours: we hold no lock yet, so it is stale.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A live pid may be another process that was given the dead owner's number (a wrapper after a
  // restart with a stable host name): where Linux says when each started, they must be the same.
  const now = incarnationOf(owner.pid);
  return !owner.incarnation || !now || now === owner.incarnation;
}

/** `<boot id>:<start tick>` of a process from /proc, or undefined where there is no /proc. */
function incarnationOf(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the command name, which is in parentheses and may hold spaces.
    const tick = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return tick ? `${boot}:${tick}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the stale lock only if it is still the one judged stale: every remover takes the guard file
 * first and compares, so two starters recovering at once cannot delete the lock a third just made.
 */
function removeStale(file: string, seen: Owner | 'unreadable'): void {
  const guard = `${file}.recover`;
  if (!createExclusive(guard, `${process.pid}\n`)) {
    // A remover killed while holding the guard would block every start: the guard expires after 10 s.
    try {
      if (Date.now() - statSync(guard).mtimeMs > 10_000) unlinkSync(guard);
    } catch {
      // gone meanwhile
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    return;
  }
  try {
    const now = readOwner(file);
    const same = seen === 'unreadable' ? now === 'unreadable' : now !== 'gone' && sameOwner(now, seen);
    if (same) unlinkSync(file);
  } finally {
    unlinkSync(guard);
  }
}

function sameOwner(a: Owner | 'unreadable', b: Owner): boolean {
  return a !== 'unreadable' && a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
}

function releaseIfMine(file: string, text: string): void {
  try {
    if (readFileSync(file, 'utf8') === text) unlinkSync(file);
  } catch {
    // already gone: nothing to release
  }
}

function inUse(dataDir: string, owner: Owner): StartupError {
  const where = owner.host === hostname() ? '' : ` on host ${owner.host}`;
  return new StartupError(
    'data_dir_in_use',
    `the data folder ${dataDir} is in use by another Forecourt process (pid ${owner.pid}${where}, ` +
      `started ${owner.startedAt}). Stop that process first, or set FORECOURT_DATA_DIR to another folder. ` +
      `If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    { dataDir, pid: owner.pid, host: owner.host, startedAt: owner.startedAt },
  );
}
