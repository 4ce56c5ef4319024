/** Compiling and evaluating expressions inside the sandbox. */
import jsonata from 'jsonata';
import { type AstNode, checkNesting, fieldsOf, readsWholeInput, validateAst } from './ast';
import { ALLOWED_BUILTINS, builtinsReady, FORBIDDEN_BUILTINS, GUARDED_BUILTINS } from './builtins';
import { ExpressionError, toExpressionError } from './errors';
import { LIBRARY, type LibraryFunction } from './functions';
import { DEFAULT_LIMITS, ENTRY_HOOK, EXIT_HOOK, hooks, type Limits, newState, STATE_BINDING } from './guard';
import { Re2RegExp } from './regex';
import { freezeBindings, freezeInput, toPlain } from './sanitize';

export interface CompileOptions extends Partial<Limits> {
  /** Extra functions for this expression, by name without `$` (e.g. `{ vat: { implementation, signature } }`). */
  functions?: Readonly<Record<string, LibraryFunction>>;
  /** Longest accepted source, in characters. Default 10,000. */
  maxSourceLength?: number;
  /** Deepest accepted nesting of brackets in the source and of the parsed AST. Default 100. */
  maxDepth?: number;
}

export interface EvaluateOptions {
  /** Budget of one evaluation: wall-clock time, or CPU time when `cpuClock` is given. Default 100 ms. */
  timeoutMs?: number;
  /**
   * The current thread's CPU time in ms, when the host can read it (the server's expression workers
   * can; browsers cannot). The budget is then CPU time: waiting for a busy machine does not count.
   */
  cpuClock?: () => number;
  /** The instant `$now()`, `$millis()` and `$today()` see. Default: the current time. */
  now?: Date;
  /** IANA zone for `$today()` and for dates of datetimes. Default Asia/Shanghai. */
  timeZone?: string;
}

export interface CompiledExpression {
  readonly source: string;
  /** The field ids (`f_...`) the expression reads. */
  readonly fields: readonly string[];
  /** Whether it may read fields it does not name (`$lookup($, "f_x")`, `$string($)`, `*`, `**`). */
  readonly readsAll: boolean;
  evaluate(input: unknown, bindings?: Record<string, unknown>, options?: EvaluateOptions): Promise<unknown>;
}

export const DEFAULT_TIMEOUT_MS = 100;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const DEFAULT_MAX_SOURCE_LENGTH = 10_000;
const DEFAULT_MAX_DEPTH = 100;
const CACHE_SIZE = 500;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type JsonataOptions = NonNullable<Parameters<typeof jsonata>[1]>;

const cache = new Map<string, CompiledExpression>();
const functionSetIds = new WeakMap<object, number>();
let nextFunctionSetId = 1;

function cacheKey(source: string, options: CompileOptions): string {
  const { functions, ...numbers } = options;
  let setId = 0;
  if (functions) {
    setId = functionSetIds.get(functions) ?? nextFunctionSetId++;
    functionSetIds.set(functions, setId);
  }
  return `${setId}|${JSON.stringify(numbers, Object.keys(numbers).sort())}|${source}`;
}

function extraFunctions(functions: CompileOptions['functions']): Record<string, LibraryFunction> {
  const out: Record<string, LibraryFunction> = {};
  for (const [name, fn] of Object.entries(functions ?? {})) {
    if (!NAME.test(name) || FORBIDDEN_BUILTINS.has(name)) {
      throw new ExpressionError('forbidden', `A function cannot be named $${name}.`);
    }
    out[name] = fn;
  }
  return out;
}

function build(source: string, options: CompileOptions): CompiledExpression {
  if (typeof source !== 'string') throw new ExpressionError('type', 'An expression must be text.');
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxSourceLength = options.maxSourceLength ?? DEFAULT_MAX_SOURCE_LENGTH;
  const limits: Limits = {
    maxSequenceLength: options.maxSequenceLength ?? DEFAULT_LIMITS.maxSequenceLength,
    maxStringLength: options.maxStringLength ?? DEFAULT_LIMITS.maxStringLength,
    maxStringBudget: options.maxStringBudget ?? DEFAULT_LIMITS.maxStringBudget,
    maxCallDepth: options.maxCallDepth ?? DEFAULT_LIMITS.maxCallDepth,
  };
  checkNesting(source, maxDepth);
  if (source.length > maxSourceLength) {
    throw new ExpressionError(
      'size',
      `The expression is ${source.length} characters long; the limit is ${maxSourceLength}.`,
    );
  }
  if (source.trim() === '')
    throw new ExpressionError('syntax', 'Syntax error at position 0: the expression is empty.', 0);

  const extra = extraFunctions(options.functions);
  const functions = { ...GUARDED_BUILTINS, ...LIBRARY, ...extra };
  const jsonataOptions: JsonataOptions = {
    RegexEngine: Re2RegExp as unknown as RegExpConstructor,
    // Backstop on JSONata's own evaluation depth; our call-depth limit normally trips first.
    stack: limits.maxCallDepth * 50,
    sequence: limits.maxSequenceLength,
  };
  let expr: jsonata.Expression;
  try {
    expr = jsonata(source, jsonataOptions);
  } catch (err) {
    throw toExpressionError(err, 'compile');
  }
  const ast = expr.ast() as AstNode;
  validateAst(ast, {
    maxDepth,
    maxSequenceLength: limits.maxSequenceLength,
    functions: new Set([...Object.keys(LIBRARY), ...Object.keys(extra)]),
  });

  // The hooks are keyed by symbols; JSONata's typings only mention string names.
  const assign = expr.assign as (name: string | symbol, value: unknown) => void;
  assign(ENTRY_HOOK, hooks.entry);
  assign(EXIT_HOOK, hooks.exit);
  for (const [name, fn] of Object.entries(functions)) {
    expr.registerFunction(name, fn.implementation as never, fn.signature);
  }
  const reserved = new Set([...ALLOWED_BUILTINS, ...Object.keys(functions)]);
  const fields = Object.freeze(fieldsOf(ast));
  const readsAll = readsWholeInput(ast);

  return {
    source,
    fields,
    readsAll,
    async evaluate(input, bindings, evalOptions = {}) {
      await builtinsReady;
      const timeoutMs = evalOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
        throw new ExpressionError(
          'type',
          `The timeout must be a positive number of milliseconds, not ${timeoutMs}.`,
        );
      }
      const now = evalOptions.now ?? new Date();
      if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
        throw new ExpressionError('type', 'The evaluation time "now" must be a valid Date.');
      }
      const values = freezeBindings(bindings);
      for (const name of Object.keys(values)) if (reserved.has(name)) delete values[name];
      const data = freezeInput(input);
      const state = newState(
        limits,
        timeoutMs,
        now,
        evalOptions.timeZone ?? DEFAULT_TIME_ZONE,
        evalOptions.cpuClock,
      );
      try {
        const result = await expr.evaluate(data, { ...values, [STATE_BINDING]: state });
        return toPlain(result);
      } catch (err) {
        throw toExpressionError(err, 'evaluate');
      }
    },
  };
}

/**
 * Parses and validates an expression once (syntax, nesting, forbidden names, unknown functions,
 * regexes, range literals); throws an ExpressionError. Compiled expressions are cached (LRU, 500).
 */
export function compileExpression(source: string, options: CompileOptions = {}): CompiledExpression {
  const key = cacheKey(source, options);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = build(source, options);
  if (cache.size >= CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, compiled);
  return compiled;
}

/** The field ids (`f_...`) an expression reads, for ordering formulas and finding cycles. */
export function referencedFields(source: string): string[] {
  return [...compileExpression(source).fields];
}

/** Whether an expression may read fields it does not name; then it counts as reading every field. */
export function readsEveryField(source: string): boolean {
  return compileExpression(source).readsAll;
}

export type CheckResult = { ok: true } | { ok: false; message: string; position?: number; code: string };

/** For designers: whether an expression compiles, and if not why and where. */
export function checkExpression(source: string, options?: CompileOptions): CheckResult {
  try {
    compileExpression(source, options);
    return { ok: true };
  } catch (err) {
    const e = toExpressionError(err, 'compile');
    return e.position === undefined
      ? { ok: false, message: e.message, code: e.code }
      : { ok: false, message: e.message, position: e.position, code: e.code };
  }
}
