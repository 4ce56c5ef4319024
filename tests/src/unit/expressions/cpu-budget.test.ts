import { compileExpression, ExpressionError } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

/**
 * The budget of an evaluation is CPU time where the host can read a CPU clock (the server's
 * expression workers): a thread that waits for a busy machine is not charged for the wait, so a
 * trivial formula never fails because the machine is busy (issue 15 item 5).
 */
const slowEnough = '$sum([1..3000].($ * 2))';

describe('the evaluation budget with a CPU clock', () => {
  it('does not charge time the thread did not spend computing', async () => {
    // A CPU clock that says no CPU was used: however long the wall clock runs, no timeout.
    const idle = () => 0;
    const value = await compileExpression(slowEnough).evaluate({}, {}, { timeoutMs: 1, cpuClock: idle });
    expect(value).toBe(9_003_000);
  });

  it('still stops an evaluation that uses its CPU budget', async () => {
    const started = performance.now();
    const error = await compileExpression('($f := function($n){ $f($n + 1) }; $f(0))')
      .evaluate({}, {}, { timeoutMs: 20, cpuClock: () => performance.now() - started })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect(['timeout', 'depth']).toContain((error as ExpressionError).code);
    const busy = await compileExpression(slowEnough)
      .evaluate({}, {}, { timeoutMs: 1, cpuClock: () => performance.now() })
      .catch((e: unknown) => e);
    expect((busy as ExpressionError).code).toBe('timeout');
  });
});
