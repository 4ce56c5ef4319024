import type { Conversion, FieldDef, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, optionalNumberProp } from '../conversion';
import { listIn } from '../display';
import { checkOptions, findOption, type OptionDef, optionsOf, optionsSchema, optionText } from '../options';
import { definition, enumSchema, integerSchema } from '../schema-parts';

/** Separators people use between choices in one cell. */
const SEPARATOR = /\s*[;；,，、]\s*/g;

/**
 * Splits "机油; 机滤、空滤" into options. A label may itself contain a separator ("保养, 小"), so pieces are
 * joined back when a piece alone names no option: the fewest, longest matches win.
 */
export function splitChoices(options: readonly OptionDef[], text: string): OptionDef[] | null {
  const pieces: { start: number; end: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(SEPARATOR)) {
    pieces.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  pieces.push({ start, end: text.length });
  // best[i]: the options naming pieces i.. to the end, or null when they cannot be read.
  const best: (OptionDef[] | null)[] = new Array(pieces.length + 1).fill(null);
  best[pieces.length] = [];
  for (let i = pieces.length - 1; i >= 0; i--) {
    for (let j = pieces.length - 1; j >= i; j--) {
      const rest = best[j + 1];
      const from = pieces[i]?.start ?? 0;
      const to = pieces[j]?.end ?? 0;
      const piece = text.slice(from, to).trim();
      if (!rest) continue;
      if (piece === '' && i === j) {
        best[i] = rest;
        break;
      }
      const option = findOption(options, piece);
      if (option) {
        best[i] = [option, ...rest];
        break;
      }
    }
  }
  return best[0] ?? null;
}

export function normalizeMultiselect(field: FieldDef, input: unknown): Conversion<string[]> {
  if (isBlank(input) || (Array.isArray(input) && input.length === 0)) return ok(null);
  const options = optionsOf(field);
  let chosen: OptionDef[];
  if (Array.isArray(input)) {
    chosen = [];
    for (const item of input) {
      const text = typeof item === 'string' || typeof item === 'number' ? String(item) : '';
      const option = options.find((candidate) => candidate.value === text) ?? findOption(options, text);
      if (!option) return fail(`"${text}" is not one of the options.`);
      chosen.push(option);
    }
  } else if (typeof input === 'string') {
    const found = splitChoices(options, input);
    if (!found) return fail(`"${input.trim()}" does not name the options; separate them with ";".`);
    chosen = found;
  } else return fail('Choose from the options.');
  // Stored in the order of the options, each once, so equal choices are equal JSON.
  const values = options.filter((option) => chosen.includes(option)).map((option) => option.value);
  if (values.length === 0) return ok(null);
  const min = optionalNumberProp(field, 'minSelected');
  const max = optionalNumberProp(field, 'maxSelected');
  if (min !== undefined && values.length < min) return fail(`Choose at least ${min}.`);
  if (max !== undefined && values.length > max) return fail(`Choose at most ${max}.`);
  return ok(values);
}

export const multiselectType = defineFieldType<string[]>({
  type: 'multiselect',
  group: 'choice',
  label: label('多选', 'Multiple choice'),
  storesValue: true,
  computed: false,
  compareAs: 'array',
  // A record falls in the group of each option it holds.
  groupBy: ['value'],
  aggregates: ['count'],
  publicFill: true,
  bulkSet: 'options',
  chosen: true,
  definitionSchema: definition(
    {
      options: optionsSchema,
      display: enumSchema(['checkbox', 'tags']),
      minSelected: integerSchema(0, 500),
      maxSelected: integerSchema(1, 500),
    },
    ['options'],
  ),
  checkDefinition(field) {
    const messages = checkOptions(field);
    const min = optionalNumberProp(field, 'minSelected');
    const max = optionalNumberProp(field, 'maxSelected');
    if (min !== undefined && max !== undefined && min > max)
      messages.push('The minimum is larger than the maximum.');
    return messages;
  },
  valueSchema: (field): JsonSchema => {
    const values = optionsOf(field).map((option) => option.value);
    return {
      type: 'array',
      items: { type: 'string', enum: values },
      uniqueItems: true,
      minItems: Math.max(1, optionalNumberProp(field, 'minSelected') ?? 1),
      maxItems: optionalNumberProp(field, 'maxSelected') ?? values.length,
    };
  },
  normalize: (field, input) => normalizeMultiselect(field, input),
  toText: (field, value) => {
    if (!value) return '';
    const options = optionsOf(field);
    return value.map((item) => options.find((option) => option.value === item)?.label.zh ?? item).join('; ');
  },
  fromText: (field, text) => normalizeMultiselect(field, text),
  displayText: (field, value, { language }) =>
    Array.isArray(value)
      ? listIn(
          value.map((item) => optionText(field, item, language)),
          language,
        )
      : String(value),
  widget: (field) => ({
    widget: field.display === 'tags' ? 'tags' : 'checkbox',
    options: { options: optionsOf(field) },
  }),
});
