/**
 * Simple arithmetic (`f_a * f_b`, `f_end_km - f_start_km`, `(f_x + f_y) * 2`) compiled to a plain
 * function over exact decimals: no JSONata, no sandbox, no worker round trip, and money keeps every
 * digit (`1 × 99999999999999.99` is 99999999999999.99, not the float 99999999999999.98).
 * Anything else (comparisons, functions, paths, strings) is not simple: `compileArithmetic` answers
 * null and the expression goes to JSONata. At run time an operand that is not a number (text,
 * a list) or a division by zero also answers "not simple", so JSONata gives its usual error.
 */
import {
  addDecimals,
  type Decimal,
  decimalFromNumber,
  divideDecimals,
  formatDecimal,
  multiplyDecimals,
  subtractDecimals,
} from '../fields/decimal';

type Node =
  | { kind: 'number'; value: Decimal }
  | { kind: 'field'; id: string }
  | { kind: 'negate'; operand: Node }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: Node; right: Node };

/** An operand: an exact decimal, absent (empty field), or something arithmetic cannot use. */
export type ArithmeticValue = Decimal | undefined | { notANumber: true };

export type ArithmeticResult = { simple: true; value: number | string | undefined } | { simple: false };

export interface CompiledArithmetic {
  readonly fields: readonly string[];
  /** `operand(id)` gives a field's value; see `ArithmeticValue`. */
  evaluate(operand: (id: string) => ArithmeticValue): ArithmeticResult;
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()]))/y;
/** Names JSONata reads as operators or literals, never as a field. */
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null']);
/** Decimals kept by a division before the result is read as a number (float precision is less). */
const DIVISION_SCALE = 20;
const MAX_SOURCE = 500;

type Token = { number: string } | { name: string } | { symbol: string };

function tokenize(source: string): Token[] | null {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(source);
    if (!match) return null;
    if (match[1] !== undefined) tokens.push({ number: match[1] });
    else if (match[2] !== undefined) {
      if (KEYWORDS.has(match[2])) return null;
      tokens.push({ name: match[2] });
    } else tokens.push({ symbol: match[3]! });
  }
  return tokens;
}

/** Recursive descent over `sum := product (('+'|'-') product)*`, `product := unary (('*'|'/') unary)*`. */
function parse(tokens: Token[]): Node | null {
  let at = 0;
  const symbol = (s: string) => {
    const t = tokens[at];
    if (t && 'symbol' in t && t.symbol === s) {
      at++;
      return true;
    }
    return false;
  };
  const primary = (depth: number): Node | null => {
    if (depth > 50) return null;
    const t = tokens[at];
    if (!t) return null;
    if ('number' in t) {
      at++;
      const value = decimalFromNumber(Number(t.number));
      return value ? { kind: 'number', value } : null;
    }
    if ('name' in t) {
      at++;
      return { kind: 'field', id: t.name };
    }
    if (symbol('(')) {
      const inner = sum(depth + 1);
      return inner && symbol(')') ? inner : null;
    }
    if (symbol('-')) {
      const operand = primary(depth + 1);
      return operand ? { kind: 'negate', operand } : null;
    }
    return null;
  };
  const product = (depth: number): Node | null => {
    let left = primary(depth);
    while (left) {
      const operator = symbol('*') ? '*' : symbol('/') ? '/' : null;
      if (!operator) return left;
      const right = primary(depth);
      left = right ? { kind: 'binary', operator, left, right } : null;
    }
    return null;
  };
  const sum = (depth: number): Node | null => {
    let left = product(depth);
    while (left) {
      const operator = symbol('+') ? '+' : symbol('-') ? '-' : null;
      if (!operator) return left;
      const right = product(depth);
      left = right ? { kind: 'binary', operator, left, right } : null;
    }
    return null;
  };
  const tree = sum(0);
  return tree && at === tokens.length ? tree : null;
}

function fieldsOf(node: Node, out: Set<string>): Set<string> {
  if (node.kind === 'field') out.add(node.id);
  else if (node.kind === 'negate') fieldsOf(node.operand, out);
  else if (node.kind === 'binary') {
    fieldsOf(node.left, out);
    fieldsOf(node.right, out);
  }
  return out;
}

class NotSimple extends Error {}

interface Run {
  operand: (id: string) => ArithmeticValue;
  divided: boolean;
}

function run(node: Node, state: Run): Decimal | undefined {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'field': {
      const value = state.operand(node.id);
      if (value !== undefined && 'notANumber' in value) throw new NotSimple();
      return value;
    }
    case 'negate': {
      const value = run(node.operand, state);
      return value && { units: -value.units, scale: value.scale };
    }
    case 'binary': {
      const left = run(node.left, state);
      const right = run(node.right, state);
      // JSONata: an operand that is "nothing" makes the result nothing.
      if (left === undefined || right === undefined) return undefined;
      if (node.operator === '+') return addDecimals(left, right);
      if (node.operator === '-') return subtractDecimals(left, right);
      if (node.operator === '*') return multiplyDecimals(left, right);
      state.divided = true;
      const quotient = divideDecimals(left, right, DIVISION_SCALE);
      if (!quotient) throw new NotSimple();
      return quotient;
    }
  }
}

function significantDigits(value: Decimal): number {
  const digits = (value.units < 0n ? -value.units : value.units).toString().replace(/0+$/, '');
  return digits.length;
}

/**
 * A number when it holds the result exactly (15 significant digits or fewer), or was divided (a
 * float is then as good as any); otherwise the exact decimal text, which number and money fields read.
 */
function toResult(value: Decimal, divided: boolean): number | string {
  if (divided || significantDigits(value) <= 15) {
    const n = Number(formatDecimal(value));
    return Object.is(n, -0) ? 0 : n;
  }
  return formatDecimal(value);
}

const cache = new Map<string, CompiledArithmetic | null>();
const CACHE_SIZE = 500;

/** The compiled function of a simple arithmetic expression, or null when JSONata is needed. */
export function compileArithmetic(source: string): CompiledArithmetic | null {
  if (typeof source !== 'string' || source.length > MAX_SOURCE) return null;
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const tokens = tokenize(source);
  const tree = tokens && tokens.length > 0 ? parse(tokens) : null;
  const compiled: CompiledArithmetic | null = tree && {
    fields: Object.freeze([...fieldsOf(tree, new Set())]),
    evaluate(operand) {
      const state: Run = { operand, divided: false };
      try {
        const value = run(tree, state);
        return { simple: true, value: value === undefined ? undefined : toResult(value, state.divided) };
      } catch (error) {
        if (error instanceof NotSimple) return { simple: false };
        throw error;
      }
    },
  };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled);
  return compiled;
}
