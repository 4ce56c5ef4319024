// `pnpm start`: builds what is stale (server bundle, web app), then runs the server and stands between
// it and the wrappers (npx, pnpm, sh) that may neither forward a signal nor outlive one. So:
// - SIGINT, SIGTERM and SIGHUP reaching this process are passed to the server once (it stops gracefully);
// - the server runs in its own process group, so Ctrl-C in a terminal reaches it once, through here
//   (a second signal would make it exit at once, unclean);
// - if a wrapper above dies without passing the signal on (npx does: its `sh -c pnpm` dies, pnpm and
//   everything below it stay), this process notices that its parent or its process group's leader
//   (npx, from a shell, systemd or a container) is gone, and stops the server; if this process dies
//   (even kill -9), the server sees its IPC channel close and stops itself (server/src/cli.ts);
// - the exit code is the server's: 0 after a clean stop, so pnpm reports no failure.
// In production run `node server/dist/forecourt.mjs start` directly (docs/operations.md).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

for (const script of ['scripts/build.mjs', 'scripts/build-ui.mjs']) {
  const built = spawnSync(process.execPath, [script], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = spawn(
  process.execPath,
  [join(root, 'server/dist/forecourt.mjs'), 'start', ...process.argv.slice(2)],
  { cwd: process.cwd(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true },
);

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGHUP', () => stop('SIGTERM'));

/** This process's group id: /proc on Linux, ps elsewhere; undefined if neither answers. */
function processGroup() {
  try {
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    try {
      return Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(process.pid)], { encoding: 'utf8' }));
    } catch {
      return undefined;
    }
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const parent = process.ppid;
const group = processGroup();
const leader = group && group !== process.pid ? group : undefined;
const watch = setInterval(() => {
  if (process.ppid !== parent || (leader && !alive(leader))) stop('SIGTERM');
}, 500);

server.on('exit', (code, signal) => {
  clearInterval(watch);
  process.exitCode = code ?? (signal ? 1 : 0);
});
