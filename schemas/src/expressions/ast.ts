/**
 * Static checks on the source and on JSONata's AST: nesting, forbidden names, unknown functions,
 * oversized range literals and unsupported regexes are refused before anything runs. Also finds
 * the fields an expression reads.
 */
import { ALLOWED_BUILTINS, FORBIDDEN_BUILTINS } from './builtins';
import { ExpressionError } from './errors';
import { FORBIDDEN_KEYS, grouped } from './guard';
import { compileRe2 } from './regex';

export interface AstNode {
  type?: string;
  value?: unknown;
  position?: number;
  [key: string]: unknown;
}

const FIELD_ID = /^f_[A-Za-z0-9_]+$/;

/**
 * Refuses source nested deeper than `maxDepth` brackets, before the parser (which is recursive)
 * sees it. Brackets inside string literals, backquoted names and comments do not count.
 */
export function checkNesting(source: string, maxDepth: number): void {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 1;
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > maxDepth) {
        throw new ExpressionError(
          'depth',
          `The expression is nested deeper than ${maxDepth} levels (at position ${i + 1}).`,
          i + 1,
        );
      }
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    }
  }
}

/** Calls `visit` on every AST node with its depth; refuses trees deeper than `maxDepth`. */
function walk(root: AstNode, maxDepth: number, visit: (node: AstNode) => void): void {
  const seen = new WeakSet<object>();
  const go = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || value instanceof RegExp || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) go(item, depth);
      return;
    }
    const node = value as AstNode;
    const isNode = typeof node.type === 'string';
    if (isNode) {
      if (depth > maxDepth) {
        throw new ExpressionError(
          'depth',
          `The expression is nested deeper than ${maxDepth} levels (at position ${node.position ?? 0}).`,
          node.position,
        );
      }
      visit(node);
    }
    for (const key of Object.keys(node)) {
      if (key !== 'value') go(node[key], isNode ? depth + 1 : depth);
    }
  };
  go(root, 0);
}

export interface ValidateOptions {
  maxDepth: number;
  maxSequenceLength: number;
  /** Names callable besides the allowed JSONata built-ins: our library and caller functions. */
  functions: ReadonlySet<string>;
}

function calledName(node: AstNode): { name: string; bare: boolean } | undefined {
  if (node.type !== 'function' && node.type !== 'partial') return undefined;
  const proc = node.procedure as AstNode | undefined;
  if (proc?.type === 'variable' && typeof proc.value === 'string') return { name: proc.value, bare: false };
  const first = (proc?.steps as AstNode[] | undefined)?.[0];
  if (proc?.type === 'path' && first?.type === 'name' && typeof first.value === 'string') {
    return { name: first.value, bare: true };
  }
  return undefined;
}

/** Names the expression binds itself: `$x := ...`, lambda parameters, `@$x` and `#$i`. */
function localNames(ast: AstNode): Set<string> {
  const names = new Set<string>();
  walk(ast, Number.POSITIVE_INFINITY, (node) => {
    if (node.type === 'bind') {
      const lhs = node.lhs as AstNode | undefined;
      if (typeof lhs?.value === 'string') names.add(lhs.value);
    }
    if (node.type === 'lambda') {
      for (const arg of (node.arguments as AstNode[] | undefined) ?? []) {
        if (typeof arg.value === 'string') names.add(arg.value);
      }
    }
    if (typeof node.focus === 'string') names.add(node.focus);
    if (typeof node.index === 'string') names.add(node.index);
  });
  return names;
}

function forbidden(message: string, position?: number): ExpressionError {
  return new ExpressionError('forbidden', message, position);
}

export function validateAst(ast: AstNode, options: ValidateOptions): void {
  const locals = localNames(ast);
  walk(ast, options.maxDepth, (node) => {
    const { type, value, position } = node;
    if ((type === 'name' || type === 'string') && typeof value === 'string' && FORBIDDEN_KEYS.has(value)) {
      throw forbidden(`The name "${value}" is not allowed in expressions.`, position);
    }
    if (type === 'variable' && typeof value === 'string') {
      const message = FORBIDDEN_BUILTINS.get(value);
      if (message) throw forbidden(message, position);
    }
    if (type === 'regex' && value instanceof RegExp) compileRe2(value, position);
    if (type === 'binary' && value === '..') checkRange(node, options.maxSequenceLength);
    const called = calledName(node);
    if (called) {
      const { name, bare } = called;
      const refused = FORBIDDEN_BUILTINS.get(name);
      if (refused && !bare) throw forbidden(refused, position);
      if (bare) {
        throw new ExpressionError(
          'unknown_function',
          `Unknown function ${name}. Functions start with $.`,
          position,
        );
      }
      if (!ALLOWED_BUILTINS.has(name) && !options.functions.has(name) && !locals.has(name)) {
        throw new ExpressionError('unknown_function', `Unknown function $${name}.`, position);
      }
    }
  });
}

function checkRange(node: AstNode, max: number): void {
  const lhs = node.lhs as AstNode | undefined;
  const rhs = node.rhs as AstNode | undefined;
  if (lhs?.type !== 'number' || rhs?.type !== 'number') return;
  const size = Number(rhs.value) - Number(lhs.value) + 1;
  if (size > max) {
    throw new ExpressionError(
      'size',
      `The range [${lhs.value}..${rhs.value}] has ${grouped(size)} items; the limit is ${grouped(max)}.`,
      node.position,
    );
  }
}

/** The field ids (`f_...`) read as path steps, in order of first appearance. */
export function fieldsOf(ast: AstNode): string[] {
  const fields = new Set<string>();
  walk(ast, Number.POSITIVE_INFINITY, (node) => {
    if (node.type === 'name' && typeof node.value === 'string' && FIELD_ID.test(node.value)) {
      fields.add(node.value);
    }
  });
  return [...fields];
}

/**
 * Functions that can show a whole object, with how many arguments they need before the context
 * (`$string()` is `$string($)`) stops standing in for the first: `$lookup("f_x")` reads the record.
 */
const WHOLE_VALUE_FUNCTIONS: ReadonlyMap<string, number> = new Map([
  ['string', 1],
  ['text', 1],
  ['keys', 1],
  ['spread', 1],
  ['lookup', 2],
  ['each', 2],
  ['sift', 2],
]);

/**
 * Whether the expression may read fields it does not name: the context `$`/`$$` used as a value
 * (not as the start of a path such as `$.f_x`), a wildcard `*`, a descendant `**`, a parent `%`, or a
 * function that shows a whole object left to the context. Fails closed: such an expression counts as
 * reading every field, so it is hidden from anyone who cannot read them all.
 */
export function readsWholeInput(ast: AstNode): boolean {
  const pathStarts = new WeakSet<object>();
  let whole = false;
  walk(ast, Number.POSITIVE_INFINITY, (node) => {
    const steps = node.type === 'path' ? (node.steps as AstNode[] | undefined) : undefined;
    const first = steps?.[0];
    if (steps && steps.length > 1 && first?.type === 'variable' && !first.predicate && !first.stages) {
      pathStarts.add(first);
    }
  });
  walk(ast, Number.POSITIVE_INFINITY, (node) => {
    const { type, value } = node;
    if (type === 'wildcard' || type === 'descendant' || type === 'parent') whole = true;
    if (type === 'variable' && (value === '' || value === '$') && !pathStarts.has(node)) whole = true;
    if (type === 'function') {
      const proc = node.procedure as AstNode | undefined;
      const needed = proc?.type === 'variable' ? WHOLE_VALUE_FUNCTIONS.get(String(proc.value)) : undefined;
      const args = (node.arguments as AstNode[] | undefined) ?? [];
      if (needed !== undefined && args.length < needed) whole = true;
    }
  });
  return whole;
}
