import { DomainError, type ErrorDetail } from '@forecourt/engine';
import type { FastifyInstance } from 'fastify';

/**
 * How deep a request's JSON may nest. Our deepest real shapes (a table inside a record inside a
 * batch, a workflow condition of nested groups) stay far below; anything deeper is an attack on the
 * recursive code behind the edge (validators, expression compilers), refused here once.
 */
export const MAX_DEPTH = 64;

const TOO_DEEP = 'This is nested deeper than';

/** Paths of the first problems found, at most this many: a flood of bad strings gets a short answer. */
const MAX_ISSUES = 20;

/**
 * Refuses text nobody can store or compare at the edge, before any route sees it: a lone UTF-16
 * surrogate (`"\ud800"`, not Unicode: PostgreSQL refuses it, JSON writers mangle it) and a NUL
 * character (text columns cannot hold it), in the body, the query string and the path parameters,
 * keys included; and JSON nested deeper than MAX_DEPTH. One 400 naming each path, e.g. `/data/f_name`
 * or `querystring:/q`, as validation errors name them.
 */
export function registerWellFormedInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const error =
      illFormed(request.params, 'params:') ??
      illFormed(request.query, 'querystring:') ??
      illFormed(request.body, '');
    if (error) throw error;
  });
}

/**
 * The 400 for a value (or JSON a route parsed itself, such as `?query=`) holding such text, its paths
 * starting with `prefix`; undefined when it is fine.
 */
export function illFormed(value: unknown, prefix: string): DomainError | undefined {
  const issues = badText(value, prefix);
  if (!issues.length) return undefined;
  return new DomainError(
    'bad_request',
    issues.some((i) => i.message.startsWith(TOO_DEEP))
      ? 'The request is nested too deeply.'
      : 'The request contains text that cannot be stored: a NUL character or a broken Unicode character.',
    issues,
  );
}

/** Walks a parsed value without recursion (a 10,000-deep body must not overflow the stack). */
function badText(value: unknown, prefix: string): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length && issues.length < MAX_ISSUES) {
    const [item, path, depth] = stack.pop()!;
    if (typeof item === 'string') {
      const problem = textProblem(item, 'This text');
      if (problem) issues.push({ path: `${prefix}${path || '/'}`, message: problem });
      continue;
    }
    if (typeof item !== 'object' || item === null || Buffer.isBuffer(item)) continue;
    if (depth >= MAX_DEPTH) {
      issues.push({
        path: `${prefix}${path || '/'}`,
        message: `${TOO_DEEP} ${MAX_DEPTH} levels.`,
      });
      continue;
    }
    const entries = [...(Array.isArray(item) ? item.entries() : Object.entries(item))].reverse();
    for (const [key, child] of entries) {
      const childPath = `${path}/${pointerToken(String(key))}`;
      if (typeof key === 'string') {
        const problem = textProblem(key, 'This property name');
        if (problem) issues.push({ path: `${prefix}${childPath}`, message: problem });
      }
      stack.push([child, childPath, depth + 1]);
    }
  }
  return issues;
}

// Without the `u` flag a regex sees UTF-16 code units: a high half not followed by a low one, or a
// low half not preceded by a high one. (String#isWellFormed is ES2024, beyond our lib setting.)
const LONE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const LONE_SURROGATE = new RegExp(LONE);
const LONE_SURROGATES = new RegExp(LONE, 'g');

function textProblem(text: string, what: string): string | undefined {
  if (text.includes('\u0000')) return `${what} contains a NUL character (\\u0000), which text may not hold.`;
  if (LONE_SURROGATE.test(text))
    return `${what} contains half of a UTF-16 surrogate pair (such as \\ud800), which is not a character.`;
  return undefined;
}

/** A JSON pointer token (RFC 6901), its broken characters shown as U+FFFD so the answer stays valid. */
function pointerToken(key: string): string {
  return key.replace(LONE_SURROGATES, '\ufffd').replaceAll('~', '~0').replaceAll('/', '~1');
}
