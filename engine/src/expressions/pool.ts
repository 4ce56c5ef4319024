/**
 * A small pool of expression workers (node:worker_threads). Each worker runs one task at a time;
 * tasks wait in one queue. A worker that dies (out of memory under its resource limits, or stopped
 * by the wall-clock backstop) fails its task with an ExpressionError and is replaced on next use.
 * Workers are unref'd while idle, so an idle pool never keeps a process alive.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ExpressionError, type ExpressionErrorCode } from '@forecourt/schemas';
import type { Reply, SerializedError, Task, TaskResult } from './protocol';

export interface PoolOptions {
  /** Worker threads. Default: one fewer than the cores (at least 1, at most 4), so requests keep a core. */
  workers: number;
  /** Heap limit of a worker, MB. */
  maxHeapMb: number;
  /** Wall time after which a task's worker is terminated, whatever the CPU budget says (a backstop). */
  wallLimitMs: number;
}

interface Pending {
  id: number;
  task: Task;
  resolve: (value: { result: TaskResult; cpuMs: number }) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** The bundled worker sits next to the server bundle; from sources a loader entry starts worker.ts. */
function workerFile(): URL {
  const bundled = new URL('./expression-worker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return bundled;
  return new URL('./worker-entry.mjs', import.meta.url);
}

export function toError(error: SerializedError): ExpressionError {
  return new ExpressionError(error.code as ExpressionErrorCode, error.message, error.position);
}

/** Why a closed pool refuses a task: nothing will compute it. */
function stopping(): ExpressionError {
  return new ExpressionError('runtime', 'The server is stopping; the formulas were not computed.');
}

export class ExpressionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private retiring = false;

  constructor(readonly options: PoolOptions) {}

  run(task: Task): Promise<{ result: TaskResult; cpuMs: number }> {
    if (this.closed) return Promise.reject(stopping());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts the workers ahead of the first formula (a worker takes a moment to load). */
  warm(): void {
    while (this.slots.length < this.options.workers) this.slots.push(this.spawn());
  }

  /**
   * Stops the workers. Every task it holds, in a worker or queued, is refused at once (else its
   * request would wait for ever), and so is any later one: a closed pool starts no worker again.
   */
  async close(): Promise<void> {
    this.closed = true;
    const reason = stopping();
    for (const pending of this.queue.splice(0)) pending.reject(reason);
    const slots = this.slots.splice(0);
    for (const slot of slots) this.release(slot)?.reject(reason);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** Closes once the tasks already given have settled: for a pool replaced by a new one. */
  retire(): void {
    this.retiring = true;
    this.closeIfDone();
  }

  private closeIfDone(): void {
    if (this.retiring && !this.closed && !this.queue.length && this.slots.every((s) => !s.busy)) {
      void this.close();
    }
  }

  private spawn(): Slot {
    const worker = new Worker(workerFile(), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    const slot: Slot = { worker, busy: null, timer: null };
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(slot, reply));
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', () => this.fail(slot, new Error('exited')));
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.options.workers) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        this.fail(slot, new ExpressionError('timeout', 'The formulas took too long and were stopped.'));
      }, this.options.wallLimitMs);
      slot.worker.postMessage({ id: pending.id, task: pending.task });
    }
  }

  private release(slot: Slot): Pending | null {
    const pending = slot.busy;
    slot.busy = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.worker.unref();
    return pending;
  }

  private settle(slot: Slot, reply: Reply): void {
    if (slot.busy?.id !== reply.id) return;
    const pending = this.release(slot)!;
    if (reply.ok) pending.resolve({ result: reply.result, cpuMs: reply.cpuMs });
    else pending.reject(toError(reply.error));
    this.dispatch();
    this.closeIfDone();
  }

  /** A worker that errs, exits or overruns is dropped; its task fails with a readable reason. */
  private fail(slot: Slot, cause: Error): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    const pending = this.release(slot);
    void slot.worker.terminate();
    if (pending) {
      const outOfMemory = (cause as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      pending.reject(
        cause instanceof ExpressionError
          ? cause
          : outOfMemory
            ? new ExpressionError('size', 'The formulas needed more memory than allowed and were stopped.')
            : new ExpressionError('runtime', `The formulas could not be computed: ${cause.message}`),
      );
    }
    this.dispatch();
    this.closeIfDone();
  }
}

export function defaultPoolOptions(): PoolOptions {
  return {
    workers: Math.max(1, Math.min(4, availableParallelism() - 1)),
    maxHeapMb: 256,
    wallLimitMs: 60_000,
  };
}
