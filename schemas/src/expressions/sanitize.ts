/**
 * Data crossing the sandbox boundary. Inputs and bindings are copied into plain JSON, objects
 * frozen (so an expression can neither mutate the caller's record nor see a prototype, a function or
 * a class instance); arrays stay extensible because JSONata marks them in place (`keepSingleton` for
 * `field[]`, sequence flags for constructors), and each evaluation gets its own copy; results are copied back into plain JSON (JSONata's internal sequences and
 * prototype-less objects never leak to the engine).
 */
import { ExpressionError } from './errors';
import { FORBIDDEN_KEYS } from './guard';

const MAX_DATA_DEPTH = 100;

function tooDeep(): ExpressionError {
  return new ExpressionError('size', `The data is nested deeper than ${MAX_DATA_DEPTH} levels.`);
}

/** A JSON copy with frozen objects (arrays stay extensible for JSONata's flags): Dates become ISO strings, non-finite numbers null, functions dropped. */
export function freezeInput(value: unknown, depth = 0): unknown {
  if (depth > MAX_DATA_DEPTH) throw tooDeep();
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return Number(value);
    case 'object': {
      if (value === null) return null;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (Array.isArray(value)) {
        const copy: unknown[] = [];
        for (const item of value) {
          const v = freezeInput(item, depth + 1);
          copy.push(v === undefined ? null : v);
        }
        return copy;
      }
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) continue;
        const v = freezeInput((value as Record<string, unknown>)[key], depth + 1);
        if (v !== undefined) copy[key] = v;
      }
      return Object.freeze(copy);
    }
    default:
      return undefined;
  }
}

/** Caller-supplied bindings, sanitised like the input; names JSONata cannot spell are ignored. */
export function freezeBindings(bindings: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!bindings) return out;
  for (const name of Object.keys(bindings)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || FORBIDDEN_KEYS.has(name)) continue;
    out[name] = freezeInput(bindings[name]);
  }
  return out;
}

function isJsonataFunction(value: object): boolean {
  const v = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
  return v._jsonata_lambda === true || v._jsonata_function === true;
}

/** A plain JSON copy of an evaluation result; functions (lambdas) become undefined. */
export function toPlain(value: unknown, depth = 0): unknown {
  if (depth > MAX_DATA_DEPTH) throw tooDeep();
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return undefined;
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    return value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const v = toPlain(item, depth + 1);
      if (v !== undefined) out.push(v);
    }
    return out;
  }
  if (isJsonataFunction(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const v = toPlain((value as Record<string, unknown>)[key], depth + 1);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
