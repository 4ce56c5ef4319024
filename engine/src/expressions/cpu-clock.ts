/**
 * The current thread's CPU time, for the expression budget (CPU time, not wall time, so a busy
 * machine never fails a trivial formula). Linux gives it per thread in /proc/thread-self/schedstat
 * (nanoseconds on the CPU); elsewhere Node's `process.threadCpuUsage` when it exists (Node ≥ 23.9).
 * Without either, expressions keep the wall-clock budget.
 */
import { readFileSync } from 'node:fs';

function schedstat(): number {
  const text = readFileSync('/proc/thread-self/schedstat', 'latin1');
  return Number(text.slice(0, text.indexOf(' '))) / 1e6;
}

type ThreadCpuUsage = () => { user: number; system: number };

function threadClock(): (() => number) | undefined {
  try {
    if (Number.isFinite(schedstat())) return schedstat;
  } catch {
    // Not Linux, or /proc is not mounted.
  }
  const usage = (process as unknown as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;
  if (typeof usage === 'function') {
    return () => {
      const { user, system } = usage.call(process);
      return (user + system) / 1000;
    };
  }
  return undefined;
}

/** Milliseconds of CPU this thread has used, or undefined when the platform cannot tell. */
export const threadCpuMs: (() => number) | undefined = threadClock();
