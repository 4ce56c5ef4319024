/**
 * Linear-time regexes for expressions. JSONata's parser turns a regex literal `/.../i` into a host
 * `RegExp` object (compiled, never executed), and evaluation runs it through `new RegexEngine(regex)`
 * with `lastIndex`/`exec`. We pass `Re2RegExp` as that engine (jsonata 2.x option `RegexEngine`), so
 * every match made by `$match`, `$contains`, `$replace` and `$split` runs on re2js (RE2 semantics:
 * no backreferences, no lookahead; linear time in the input). Literals are also checked against RE2
 * at compile time, so an unsupported construct is a syntax error, not a runtime surprise.
 */
import { type Matcher, RE2JS } from 're2js';
import { ExpressionError } from './errors';

const compiled = new Map<string, RE2JS>();
const MAX_CACHED = 200;

/** Compiles `/source/flags` for RE2, caching by source and flags; throws a syntax ExpressionError. */
export function compileRe2(regex: RegExp, position?: number): RE2JS {
  const key = `${regex.flags}/${regex.source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(regex));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const where = position !== undefined ? ` at position ${position}` : '';
    throw new ExpressionError(
      'syntax',
      `Syntax error${where}: unsupported regular expression (${detail})`,
      position,
    );
  }
  if (compiled.size >= MAX_CACHED) {
    const oldest = compiled.keys().next().value;
    if (oldest !== undefined) compiled.delete(oldest);
  }
  compiled.set(key, re);
  return re;
}

type ExecResult = string[] & { index: number; input: string };

/** The subset of `RegExp` that JSONata's evaluator uses, backed by re2js. */
export class Re2RegExp {
  lastIndex = 0;
  readonly source: string;
  private readonly re: RE2JS;
  private input: string | undefined;
  private matcher: Matcher | undefined;

  constructor(pattern: RegExp | string, flags?: string) {
    const regex = typeof pattern === 'string' ? new RegExp(pattern, flags) : pattern;
    this.source = regex.source;
    this.re = compileRe2(regex);
  }

  exec(str: string): ExecResult | null {
    if (typeof str !== 'string' || this.lastIndex > str.length) {
      this.lastIndex = 0;
      return null;
    }
    if (this.input !== str || !this.matcher) {
      // One matcher per input string, so iterating over the matches of a long string stays linear.
      this.matcher = this.re.matcher(str);
      this.input = str;
    }
    const m = this.matcher;
    if (!m.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: string[] = [m.group(0) ?? ''];
    for (let i = 1; i <= m.groupCount(); i++) {
      // An unmatched group is `undefined`, as with RegExp.prototype.exec.
      groups.push(m.group(i) ?? (undefined as unknown as string));
    }
    const result = groups as ExecResult;
    result.index = m.start();
    result.input = str;
    this.lastIndex = m.end();
    return result;
  }

  test(str: string): boolean {
    return this.re.test(str);
  }
}
