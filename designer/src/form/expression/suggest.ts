/**
 * Autocomplete for the expression editor: the word at the caret, and the fields (by id or label) and
 * functions (`$name`) it may be the start of. Fields are written by id in expressions (`f_end_km`);
 * the list shows their labels so nobody has to remember ids.
 */
import { EXPRESSION_BUILTINS, EXPRESSION_LIBRARY } from '@forecourt/schemas';

export interface ExpressionField {
  id: string;
  label: string;
  type: string;
}

export type Suggestion =
  | { kind: 'field'; insert: string; field: ExpressionField }
  | { kind: 'function'; insert: string; name: string; library: boolean };

/** Our business functions first (they are what dealers look for), then JSONata's safe built-ins. */
export const FUNCTION_NAMES: { name: string; library: boolean }[] = [
  ...Object.keys(EXPRESSION_LIBRARY)
    .sort()
    .map((name) => ({ name, library: true })),
  ...[...EXPRESSION_BUILTINS]
    .filter((name) => !(name in EXPRESSION_LIBRARY))
    .sort()
    .map((name) => ({ name, library: false })),
];

const WORD = /[$\p{L}\p{N}_]+$/u;

/** The word ending at `caret`, and where it starts. */
export function wordAt(source: string, caret: number): { word: string; start: number } {
  const match = WORD.exec(source.slice(0, caret));
  return match ? { word: match[0], start: caret - match[0].length } : { word: '', start: caret };
}

export function suggestionsFor(word: string, fields: ExpressionField[], limit = 8): Suggestion[] {
  if (word === '') return [];
  if (word.startsWith('$')) {
    const prefix = word.slice(1).toLowerCase();
    return FUNCTION_NAMES.filter(({ name }) => name.toLowerCase().startsWith(prefix))
      .slice(0, limit)
      .map(({ name, library }) => ({ kind: 'function', insert: `$${name}(`, name, library }));
  }
  const lower = word.toLowerCase();
  return fields
    .filter((field) => field.id.startsWith(lower) || field.label.toLowerCase().includes(lower))
    .slice(0, limit)
    .map((field) => ({ kind: 'field', insert: field.id, field }));
}

/** The source with the word at the caret replaced by the suggestion, and the caret after it. */
export function applySuggestion(
  source: string,
  caret: number,
  suggestion: Suggestion,
): { source: string; caret: number } {
  const { start } = wordAt(source, caret);
  const next = source.slice(0, start) + suggestion.insert + source.slice(caret);
  return { source: next, caret: start + suggestion.insert.length };
}

/** Sample text typed by the designer → the value an expression sees (numbers, booleans, text). */
export function sampleValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}
