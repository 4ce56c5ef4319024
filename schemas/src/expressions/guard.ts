/**
 * Per-evaluation guardrails, run from JSONata's evaluation hooks. jsonata 2.x looks up
 * `Symbol.for('jsonata.__evaluate_entry')` and `Symbol.for('jsonata.__evaluate_exit')` in the
 * environment around the evaluation of every AST node (the hooks its own test-suite uses to timebox
 * expressions). We bind both once per compiled expression; they find the state of the evaluation in
 * progress through a binding whose name cannot be written in JSONata (it contains a space), so
 * concurrent evaluations of one cached expression each keep their own deadline and counters.
 */
import { ExpressionError } from './errors';

export const STATE_BINDING = 'forecourt guard';
export const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');
export const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');

/** Keys that must never appear in data an expression builds: they reach host prototypes. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface Limits {
  /** Longest array or sequence any step may produce. */
  maxSequenceLength: number;
  /** Longest string any step may produce. */
  maxStringLength: number;
  /** Characters all string-producing steps of one evaluation may produce together. */
  maxStringBudget: number;
  /** Deepest nesting of function calls (recursion). */
  maxCallDepth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxSequenceLength: 100_000,
  maxStringLength: 1_000_000,
  maxStringBudget: 10_000_000,
  maxCallDepth: 200,
};

export interface EvaluationState {
  readonly limits: Limits;
  readonly timeoutMs: number;
  deadline: number;
  readonly now: Date;
  readonly timeZone: string;
  callDepth: number;
  stringBudget: number;
  /** The thread's CPU clock (ms) when the host has one: the budget is then CPU time, see checkDeadline. */
  readonly cpuClock?: () => number;
  /** CPU clock reading at the start, moved forward by uncharged work. */
  cpuStart: number;
}

interface Environment {
  base?: object;
  lookup(name: string | symbol): unknown;
}

interface Node {
  type?: string;
  value?: unknown;
  position?: number;
  group?: unknown;
}

const clock: () => number =
  typeof globalThis.performance?.now === 'function' ? () => globalThis.performance.now() : () => Date.now();

export function newState(
  limits: Limits,
  timeoutMs: number,
  now: Date,
  timeZone: string,
  cpuClock?: () => number,
): EvaluationState {
  return {
    limits,
    timeoutMs,
    deadline: clock() + timeoutMs,
    now,
    timeZone,
    callDepth: 0,
    stringBudget: limits.maxStringBudget,
    ...(cpuClock ? { cpuClock } : {}),
    cpuStart: cpuClock ? cpuClock() : 0,
  };
}

const byBase = new WeakMap<object, EvaluationState>();

/** The state of the evaluation an environment belongs to. */
export function stateOf(environment: Environment): EvaluationState {
  const base = environment.base;
  const cached = base ? byBase.get(base) : undefined;
  if (cached) return cached;
  const state = environment.lookup(STATE_BINDING) as EvaluationState | undefined;
  if (!state) throw new ExpressionError('runtime', 'The expression was evaluated outside its sandbox.');
  if (base) byBase.set(base, state);
  return state;
}

export function timeoutError(state: EvaluationState, position?: number): ExpressionError {
  return new ExpressionError(
    'timeout',
    `The expression took longer than ${state.timeoutMs} ms and was stopped.`,
    position,
  );
}

/**
 * Runs one-time host initialisation (e.g. loading a time zone's ICU data for Intl, which can take
 * tens of milliseconds on first use) without charging its time to the expression's deadline.
 */
export function uncharged<T>(state: EvaluationState | undefined, init: () => T): T {
  const start = clock();
  try {
    return init();
  } finally {
    if (state) {
      const spent = clock() - start;
      state.deadline += spent;
      state.cpuStart += spent;
    }
  }
}

/**
 * The wall clock is checked at every step (cheap). A thread's CPU time never exceeds its wall time,
 * so only when the wall deadline has passed is the CPU clock read (where the host has one, as the
 * expression workers do): if the thread was merely waiting for a busy machine, the deadline moves by
 * the CPU budget still left. A trivial formula thus never fails because the machine is busy.
 */
export function checkDeadline(state: EvaluationState, position?: number): void {
  const wall = clock();
  if (wall <= state.deadline) return;
  if (state.cpuClock) {
    const left = state.timeoutMs - (state.cpuClock() - state.cpuStart);
    if (left > 0) {
      state.deadline = wall + left;
      return;
    }
  }
  throw timeoutError(state, position);
}

/** 1234567 → "1,234,567" (without Intl, whose first use is slow). */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function sizeError(what: string, limit: number, position?: number): ExpressionError {
  return new ExpressionError(
    'size',
    `The expression builds ${what} larger than the limit of ${grouped(limit)}.`,
    position,
  );
}

/** Throws when a string of `length` characters may not be produced; charges it to the budget. */
export function chargeString(state: EvaluationState, length: number, position?: number): void {
  if (length > state.limits.maxStringLength) {
    throw sizeError('a text', state.limits.maxStringLength, position);
  }
  state.stringBudget -= length;
  if (state.stringBudget < 0) {
    throw sizeError('texts that are in total', state.limits.maxStringBudget, position);
  }
}

export function checkSequence(state: EvaluationState, length: number, position?: number): void {
  if (length > state.limits.maxSequenceLength) {
    throw sizeError('a list', state.limits.maxSequenceLength, position);
  }
}

function checkKeys(value: unknown, position?: number): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw new ExpressionError('forbidden', `The key "${key}" is not allowed in expressions.`, position);
    }
  }
}

function entry(expr: Node, _input: unknown, environment: Environment): void {
  const state = stateOf(environment);
  checkDeadline(state, expr.position);
  if (expr.type === 'function') {
    state.callDepth++;
    if (state.callDepth > state.limits.maxCallDepth) {
      throw new ExpressionError(
        'depth',
        `The expression nests function calls deeper than ${state.limits.maxCallDepth} levels and was stopped.`,
        expr.position,
      );
    }
  }
}

function exit(expr: Node, _input: unknown, environment: Environment, result: unknown): void {
  const state = stateOf(environment);
  if (expr.type === 'function') state.callDepth--;
  checkDeadline(state, expr.position);
  if (typeof result === 'string') {
    if (expr.type === 'function' || (expr.type === 'binary' && expr.value === '&')) {
      chargeString(state, result.length, expr.position);
    }
  } else if (Array.isArray(result)) {
    checkSequence(state, result.length, expr.position);
    if (expr.group !== undefined || expr.type === 'function') {
      for (const item of result) checkKeys(item, expr.position);
    }
  } else if (
    expr.group !== undefined ||
    expr.type === 'function' ||
    (expr.type === 'unary' && expr.value === '{')
  ) {
    checkKeys(result, expr.position);
  }
}

export const hooks = { entry, exit };
