/**
 * An expression worker: runs JSONata (with its sandbox) off the request thread, one task at a time,
 * so the thread's CPU clock measures exactly the evaluations of that task. Each evaluation has a
 * CPU budget, and all evaluations of one task share what their request has left.
 */
import { parentPort } from 'node:worker_threads';
import { compileExpression, ExpressionError, expressionInput, type FieldDef } from '@forecourt/schemas';
import { threadCpuMs } from './cpu-clock';
import type { Budget, Evaluation, Reply, SerializedError, Task, TaskResult } from './protocol';
import { computeScope, inlineArithmetic, refuseInexactMoney } from './scope';

type Data = Record<string, unknown>;

const cpuNow = threadCpuMs ?? (() => performance.now());

function serialize(error: unknown): SerializedError {
  if (error instanceof ExpressionError) {
    return error.position === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, position: error.position };
  }
  return { code: 'runtime', message: error instanceof Error ? error.message : String(error) };
}

/** A per-task evaluator that stops once the request's CPU budget is spent. */
function evaluator(budget: Budget, now: Date, timeZone: string, started: number) {
  return async (source: string, input: unknown, bindings: Record<string, unknown> = {}): Promise<unknown> => {
    const left = budget.requestMs - (cpuNow() - started);
    if (left <= 0) {
      throw new ExpressionError(
        'timeout',
        `The formulas of this request used more than ${budget.requestMs} ms of computing time and were stopped.`,
      );
    }
    const options = { now, timeZone, timeoutMs: Math.min(budget.evaluationMs, left) };
    return compileExpression(source).evaluate(
      input,
      bindings,
      threadCpuMs ? { ...options, cpuClock: threadCpuMs } : options,
    );
  };
}

async function run(task: Task): Promise<TaskResult> {
  const started = cpuNow();
  const now = new Date(task.now);
  const evaluate = evaluator(task.budget, now, task.timeZone, started);
  if (task.kind === 'evaluate') {
    const results: Evaluation[] = [];
    for (const job of task.jobs) {
      try {
        const value = await evaluate(job.source, job.input, job.bindings);
        results.push({ ok: true, value: value === undefined ? null : value });
      } catch (error) {
        results.push({ ok: false, error: serialize(error) });
      }
    }
    return { kind: 'evaluate', results };
  }
  const scopeEvaluate = async (source: string, data: Data, fields: FieldDef[]) => {
    const inline = inlineArithmetic(source, data, fields);
    if (inline.simple) return inline.value;
    refuseInexactMoney(source, data, fields);
    return evaluate(source, expressionInput(fields, data));
  };
  const results = [];
  for (const scope of task.scopes) {
    results.push(
      await computeScope(
        scope.fields,
        scope.data,
        { now, timeZone: task.timeZone },
        scope.pathPrefix,
        scopeEvaluate,
      ),
    );
  }
  return { kind: 'formulas', results };
}

const port = parentPort;
if (!port) throw new Error('The expression worker must run in a worker thread.');
port.on('message', async (message: { id: number; task: Task }) => {
  const started = cpuNow();
  let reply: Reply;
  try {
    const result = await run(message.task);
    reply = { id: message.id, ok: true, result, cpuMs: cpuNow() - started };
  } catch (error) {
    reply = { id: message.id, ok: false, error: serialize(error), cpuMs: cpuNow() - started };
  }
  port.postMessage(reply);
});
