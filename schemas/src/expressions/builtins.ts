/**
 * The JSONata built-ins expressions may use, and guarded replacements for the ones whose native
 * implementation could allocate unbounded memory or run unbounded time without returning to the
 * evaluator (where the deadline is checked).
 */
import jsonata from 'jsonata';
import { ExpressionError } from './errors';
import { chargeString, checkDeadline, checkSequence, type EvaluationState, stateOf } from './guard';

/** Safe JSONata built-ins, listed explicitly. Anything else (`$eval`, `$random`, ...) is refused. */
export const ALLOWED_BUILTINS: ReadonlySet<string> = new Set(
  [
    // aggregation and numbers
    'sum count max min average number floor ceil round abs sqrt power',
    'formatNumber formatBase formatInteger parseInteger',
    // text
    'string substring substringBefore substringAfter lowercase uppercase length trim pad',
    'match contains replace split join',
    'base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl',
    // logic, higher-order functions, arrays and objects
    'boolean not exists type error assert',
    'map zip filter single reduce sift each sort reverse distinct append keys lookup spread merge clone',
    // date and time (`$now` and `$millis` read the evaluation's `now`)
    'now millis toMillis fromMillis',
  ].flatMap((group) => group.split(' ')),
);

/** Built-ins that exist in JSONata but are refused: code evaluation and non-determinism. */
export const FORBIDDEN_BUILTINS: ReadonlyMap<string, string> = new Map([
  ['eval', 'Evaluating text as an expression ($eval) is not allowed.'],
  ['random', 'The function $random is not available: expressions must give the same result every time.'],
  ['shuffle', 'The function $shuffle is not available: expressions must give the same result every time.'],
]);

type Impl = (this: Focus, ...args: never[]) => unknown;
interface Focus {
  environment: { base?: object; lookup(name: string | symbol): unknown };
}
interface BuiltinFunction {
  implementation: (...args: unknown[]) => unknown;
}
export interface FunctionDefinition {
  implementation: Impl;
  signature?: string;
}

const ORIGINALS = ['join', 'replace', 'split', 'match', 'sort', 'fromMillis'] as const;
type Original = (typeof ORIGINALS)[number];
const originals = new Map<Original, BuiltinFunction>();

/** Resolves once the native implementations we wrap have been captured (once per process). */
export const builtinsReady: Promise<void> = (async () => {
  for (const name of ORIGINALS) {
    originals.set(name, (await jsonata(`$${name}`).evaluate(null)) as BuiltinFunction);
  }
})();

function original(focus: Focus, name: Original, args: unknown[]): unknown {
  const fn = originals.get(name);
  if (!fn) throw new ExpressionError('runtime', `The function $${name} is not ready.`);
  return fn.implementation.apply(focus, args);
}

const state = (focus: Focus): EvaluationState => stateOf(focus.environment);

function refuse(message: string): () => never {
  return () => {
    throw new ExpressionError('forbidden', message);
  };
}

/** `$pad` with the size checked first, built with `String.prototype.repeat` (JSONata joins an array). */
function pad(this: Focus, str: string | undefined, width: number, char?: string): string | undefined {
  if (str === undefined) return undefined;
  const fill = Array.from(char === undefined || char === '' ? ' ' : char);
  const target = Math.abs(Math.trunc(width));
  chargeString(state(this), target * Math.max(...fill.map((c) => c.length)));
  const missing = target - Array.from(str).length;
  if (missing <= 0) return str;
  const padding =
    fill.join('').repeat(Math.floor(missing / fill.length)) + fill.slice(0, missing % fill.length).join('');
  return width > 0 ? str + padding : padding + str;
}

function join(this: Focus, strs: string[] | undefined, separator?: string): unknown {
  if (strs === undefined) return undefined;
  let total = Math.max(0, strs.length - 1) * (separator?.length ?? 0);
  for (const s of strs) total += typeof s === 'string' ? s.length : 0;
  chargeString(state(this), total);
  return original(this, 'join', [strs, separator]);
}

function countDollars(replacement: unknown): number {
  return typeof replacement === 'string' ? replacement.split('$').length - 1 : 0;
}

/** `$replace`: bounds the result before building it (an upper bound when `$0`, `$1`... are used). */
async function replace(this: Focus, str: string | undefined, pattern: unknown, rep: unknown, limit?: number) {
  if (str === undefined) return undefined;
  const s = state(this);
  if (typeof rep === 'string' && rep.length > 0) {
    let count = 0;
    if (typeof pattern === 'string' && pattern !== '') {
      for (let i = str.indexOf(pattern); i !== -1; i = str.indexOf(pattern, i + pattern.length)) count++;
    } else {
      count = str.length + 1;
    }
    if (limit !== undefined) count = Math.min(count, limit);
    chargeString(s, str.length + count * (rep.length + countDollars(rep) * str.length));
  }
  const result = await original(this, 'replace', [str, pattern, rep, limit]);
  checkDeadline(s);
  return result;
}

function capped(focus: Focus, limit: number | undefined): number {
  const max = state(focus).limits.maxSequenceLength + 1;
  return limit === undefined ? max : Math.min(limit, max);
}

async function split(this: Focus, str: string | undefined, separator: unknown, limit?: number) {
  const result = (await original(this, 'split', [str, separator, capped(this, limit)])) as
    | unknown[]
    | undefined;
  checkSequence(state(this), result?.length ?? 0);
  return result;
}

async function match(this: Focus, str: string | undefined, regex: unknown, limit?: number) {
  const result = (await original(this, 'match', [str, regex, capped(this, limit)])) as unknown[] | undefined;
  checkSequence(state(this), result?.length ?? 0);
  return result;
}

/** `$sort`: without a comparator, the native stable sort (JSONata's merge sort is quadratic). */
async function sort(this: Focus, arr: unknown[] | undefined, comparator?: unknown) {
  if (arr === undefined || comparator !== undefined || arr.length <= 1) {
    return original(this, 'sort', [arr, comparator]);
  }
  const numbers = arr.every((v) => typeof v === 'number');
  if (!numbers && !arr.every((v) => typeof v === 'string')) {
    throw new ExpressionError(
      'type',
      '$sort without a comparator needs a list of only numbers or only texts.',
    );
  }
  const copy = [...arr] as (number | string)[];
  return copy.sort((a, b) => (a > b ? 1 : a < b ? -1 : 0));
}

/** JSON with object keys sorted, so deep-equal values get one key whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function key(value: unknown): string {
  return typeof value === 'object' && value !== null ? `o${canonical(value)}` : `${typeof value}:${value}`;
}

/** `$distinct` in linear time (JSONata compares every pair), by deep equality as JSONata does. */
function distinct(this: Focus, arr: unknown): unknown {
  if (!Array.isArray(arr) || arr.length <= 1) return arr;
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const value of arr) {
    const k = key(value);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(value);
    }
  }
  return out;
}

/** `$spread` in linear time (JSONata appends to a growing copy for each item). */
function spread(this: Focus, arg: unknown): unknown {
  if (Array.isArray(arg)) {
    const out: unknown[] = [];
    for (const item of arg) {
      const part = spread.call(this, item);
      if (Array.isArray(part)) out.push(...part);
      else if (part !== undefined) out.push(part);
      checkSequence(state(this), out.length);
    }
    return out;
  }
  if (arg !== null && typeof arg === 'object' && !('_jsonata_lambda' in arg)) {
    return Object.keys(arg).map((k) => ({ [k]: (arg as Record<string, unknown>)[k] }));
  }
  return arg;
}

/** `$now(picture?, timezone?)` at the evaluation's instant; a picture formats it like `$fromMillis`. */
function now(this: Focus, picture?: string, timezone?: string): unknown {
  const instant = state(this).now;
  if (picture === undefined && timezone === undefined) return instant.toISOString();
  return original(this, 'fromMillis', [instant.getTime(), picture, timezone]);
}

function millis(this: Focus): number {
  return state(this).now.getTime();
}

/** Replacements bound over JSONata's own built-ins in every compiled expression. */
export const GUARDED_BUILTINS: Record<string, FunctionDefinition> = {
  pad: { implementation: pad as Impl, signature: '<s-ns?:s>' },
  join: { implementation: join as Impl, signature: '<a<s>s?:s>' },
  replace: { implementation: replace as Impl, signature: '<s-(sf)(sf)n?:s>' },
  split: { implementation: split as Impl, signature: '<s-(sf)n?:a<s>>' },
  match: { implementation: match as Impl, signature: '<s-f<s:o>n?:a<o>>' },
  sort: { implementation: sort as Impl, signature: '<af?:a>' },
  distinct: { implementation: distinct as Impl, signature: '<x:x>' },
  spread: { implementation: spread as Impl, signature: '<x-:a<o>>' },
  now: { implementation: now as Impl, signature: '<s?s?:s>' },
  millis: { implementation: millis as Impl, signature: '<:n>' },
  ...Object.fromEntries(
    [...FORBIDDEN_BUILTINS].map(([name, message]) => [name, { implementation: refuse(message) as Impl }]),
  ),
};
