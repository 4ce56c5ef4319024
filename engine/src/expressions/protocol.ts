/** Messages between the request thread and the expression workers (structured-clone safe). */
import type { FieldDef } from '@forecourt/schemas';
import type { ErrorDetail } from '../errors';

type Data = Record<string, unknown>;

export interface Budget {
  /** CPU ms one evaluation may use. */
  evaluationMs: number;
  /** CPU ms all evaluations of this task may use together (what the request has left). */
  requestMs: number;
}

/** One expression over its (already prepared) input, as JSONata sees it. */
export interface EvaluationJob {
  source: string;
  input: unknown;
  /** Variables bound for the expression (`$record`, `$previous` in automations). */
  bindings?: Record<string, unknown>;
}

/** The formulas of one scope (a record or one table row), computed in dependency order. */
export interface FormulaScope {
  fields: FieldDef[];
  data: Data;
  pathPrefix: string;
}

export type TaskBody =
  | { kind: 'evaluate'; jobs: EvaluationJob[] }
  | { kind: 'formulas'; scopes: FormulaScope[] };

export type Task = { budget: Budget; now: number; timeZone: string } & TaskBody;

export interface SerializedError {
  code: string;
  message: string;
  position?: number;
}

export type Evaluation = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** The formula values of a scope (by field id) and the issues found, with full paths. */
export interface ScopeResult {
  values: Data;
  issues: ErrorDetail[];
}

export type TaskResult =
  | { kind: 'evaluate'; results: Evaluation[] }
  | { kind: 'formulas'; results: ScopeResult[] };

export type Reply =
  | { id: number; ok: true; result: TaskResult; cpuMs: number }
  | { id: number; ok: false; error: SerializedError; cpuMs: number };
