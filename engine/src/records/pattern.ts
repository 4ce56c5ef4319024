import { RE2JS } from 're2js';

const compiled = new Map<string, RE2JS>();

/** A validation pattern, run by RE2 (linear time: no catastrophic backtracking on hostile input). */
export function matchesPattern(pattern: string, text: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = RE2JS.compile(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex.matcher(text).find();
}
