import { ExpressionError } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { ExpressionPool } from '../../../../engine/src/expressions/pool';
import type { Task } from '../../../../engine/src/expressions/protocol';

/**
 * Closing the expression pool (the server stopping) settles every request it holds: the one a
 * worker is computing and the ones queued behind it are refused at once, and so is any later one,
 * rather than waiting for ever or quietly starting new workers.
 */
const slow = '$sum([1..5000].($sum([1..5000])))'; // seconds of work

function task(source: string): Task {
  return {
    kind: 'evaluate',
    jobs: [{ source, input: {} }],
    budget: { evaluationMs: 60_000, requestMs: 60_000 },
    now: Date.now(),
    timeZone: 'Asia/Shanghai',
  };
}

const settledWithin = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise.then(
      () => 'resolved',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), ms)),
  ]);

describe('closing the expression pool', () => {
  it('refuses the task in flight, the queued ones and any later one', async () => {
    const pool = new ExpressionPool({ workers: 1, maxHeapMb: 64, wallLimitMs: 60_000 });
    // A quick task first: the worker has loaded, so the next one is surely in flight when we close.
    await pool.run(task('1 + 1'));
    const inFlight = pool.run(task(slow));
    const queued = pool.run(task('2 + 2'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = pool.close();
    const outcomes = [settledWithin(inFlight, 2_000), settledWithin(queued, 2_000)];
    await closed;
    for (const outcome of await Promise.all(outcomes)) {
      expect(outcome).toBeInstanceOf(ExpressionError);
      expect((outcome as ExpressionError).code).toBe('runtime');
      expect((outcome as ExpressionError).message).toMatch(/stopping/);
    }
    const later = await settledWithin(pool.run(task('3 + 3')), 2_000);
    expect(later).toBeInstanceOf(ExpressionError);
    expect((later as ExpressionError).message).toMatch(/stopping/);
  });

  it('when replaced, finishes what it was given before it stops', async () => {
    const pool = new ExpressionPool({ workers: 1, maxHeapMb: 64, wallLimitMs: 60_000 });
    const given = pool.run(task('6 * 7'));
    pool.retire();
    const { result } = await given;
    expect(result).toEqual({ kind: 'evaluate', results: [{ ok: true, value: 42 }] });
    const later = await settledWithin(pool.run(task('1')), 2_000);
    expect((later as ExpressionError).message).toMatch(/stopping/);
  });
});
