/**
 * How the engine evaluates expressions: simple arithmetic inline on exact decimals; everything else
 * in the expression workers, batched (all formula scopes of a request step in one task), with a CPU
 * budget per evaluation and per request. The request thread never runs JSONata, so one expensive
 * formula cannot stall `/api/health` or anyone else's request.
 */
import { ExpressionError, expressionInput, type FieldDef } from '@forecourt/schemas';
import type { ErrorDetail } from '../errors';
import { defaultPoolOptions, ExpressionPool, type PoolOptions, toError } from './pool';
import type { Budget, FormulaScope, Task, TaskBody } from './protocol';
import { allArithmetic, computeScope, inlineArithmetic, refuseInexactMoney } from './scope';

type Data = Record<string, unknown>;

/** What every evaluation needs from its request: one clock reading and the zone. */
export interface EvaluationContext {
  now: Date;
  timeZone: string;
}

export interface ExpressionSettings extends PoolOptions {
  /** CPU ms one evaluation may use. */
  evaluationCpuMs: number;
  /** CPU ms all evaluations of one request (one write context) may use together. */
  requestCpuMs: number;
}

let settings: ExpressionSettings = { ...defaultPoolOptions(), evaluationCpuMs: 100, requestCpuMs: 30_000 };
let pool: ExpressionPool | null = null;
const spent = new WeakMap<EvaluationContext, number>();

/** Sets the pool size and budgets (the server does this from its configuration, before any request). */
export function configureExpressions(changes: Partial<ExpressionSettings>): void {
  settings = { ...settings, ...changes };
  if (pool && changes.workers !== undefined) {
    // The old pool finishes what it was given, then stops; new work goes to a new pool.
    pool.retire();
    pool = null;
  }
}

function thePool(): ExpressionPool {
  pool ??= new ExpressionPool(settings);
  return pool;
}

/** Starts the workers now, so the first formula does not wait for one to load. */
export function warmExpressionWorkers(): void {
  thePool().warm();
}

export async function stopExpressionWorkers(): Promise<void> {
  const stopping = pool;
  pool = null;
  await stopping?.close();
}

async function runTask(context: EvaluationContext, task: TaskBody) {
  const used = spent.get(context) ?? 0;
  const budget: Budget = { evaluationMs: settings.evaluationCpuMs, requestMs: settings.requestCpuMs - used };
  if (budget.requestMs <= 0) {
    throw new ExpressionError(
      'timeout',
      `The formulas of this request used more than ${settings.requestCpuMs} ms of computing time and were stopped.`,
    );
  }
  const full: Task = { ...task, budget, now: context.now.getTime(), timeZone: context.timeZone };
  const { result, cpuMs } = await thePool().run(full);
  spent.set(context, (spent.get(context) ?? 0) + cpuMs);
  return result;
}

/**
 * Evaluates one expression over record data (`fields` say how to read it: money as numbers, empty
 * fields absent). JSONata's "nothing" becomes null. Throws an ExpressionError.
 */
export async function evaluateExpression(
  source: string,
  data: Data,
  context: EvaluationContext,
  fields?: FieldDef[],
  bindings?: Record<string, unknown>,
): Promise<unknown> {
  const inline = bindings ? { simple: false as const } : inlineArithmetic(source, data, fields);
  if (inline.simple) return inline.value;
  refuseInexactMoney(source, data, fields);
  const input = fields ? expressionInput(fields, data) : data;
  const result = await runTask(context, {
    kind: 'evaluate',
    jobs: [{ source, input, ...(bindings ? { bindings } : {}) }],
  });
  const evaluation = result.kind === 'evaluate' ? result.results[0] : undefined;
  if (!evaluation) throw new ExpressionError('runtime', 'The expression worker gave no answer.');
  if (!evaluation.ok) throw toError(evaluation.error);
  return evaluation.value;
}

/** A scope and where its issues go (each record of a batch has its own list). */
export interface FormulaWork extends FormulaScope {
  issues: ErrorDetail[];
}

/**
 * Computes the formulas of many scopes (records, table rows) and writes their values into each
 * scope's data; issues carry full paths. Inline when every formula is simple arithmetic, otherwise
 * in one worker task for all of them.
 */
export async function computeFormulaScopes(work: FormulaWork[], context: EvaluationContext): Promise<void> {
  const needed = work.filter((s) => s.fields.some((f) => f.type === 'formula'));
  if (!needed.length) return;
  if (needed.every((s) => allArithmetic(s.fields))) {
    const evaluate = (source: string, data: Data, fields: FieldDef[]) =>
      evaluateExpression(source, data, context, fields);
    for (const scope of needed) {
      const outcome = await computeScope(scope.fields, scope.data, context, scope.pathPrefix, evaluate);
      scope.issues.push(...outcome.issues);
    }
    return;
  }
  let result: Awaited<ReturnType<typeof runTask>>;
  try {
    const scopes = needed.map(({ fields, data, pathPrefix }) => ({ fields, data, pathPrefix }));
    result = await runTask(context, { kind: 'formulas', scopes });
  } catch (error) {
    // The whole task failed (budget, memory): every scope's formulas are reported as not computed.
    const message = error instanceof Error ? error.message : String(error);
    for (const scope of needed)
      for (const field of scope.fields.filter((f) => f.type === 'formula'))
        scope.issues.push({
          path: `${scope.pathPrefix}/${field.id}`,
          message: `Could not compute ${field.label.zh || field.label.en || field.id}: ${message}`,
        });
    return;
  }
  if (result.kind !== 'formulas')
    throw new ExpressionError('runtime', 'The expression worker gave no answer.');
  for (const [index, scope] of needed.entries()) {
    const outcome = result.results[index];
    if (!outcome) continue;
    Object.assign(scope.data, outcome.values);
    scope.issues.push(...outcome.issues);
  }
}
