import type { FieldDef, JsonSchema, Label } from './contract';
import { labelIn } from './display';
import { labelSchema } from './schema-parts';

/** One choice of a select or multiselect. `value` is what is stored, so it survives label edits. */
export interface OptionDef {
  value: string;
  label: Label;
  color?: string;
}

export const optionsSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 500,
  items: {
    type: 'object',
    properties: {
      value: { type: 'string', minLength: 1, maxLength: 64 },
      label: labelSchema,
      color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
    },
    required: ['value', 'label'],
    additionalProperties: false,
  },
};

/** The label of the option a value names, in the reader's language; the value itself when none does. */
export function optionText(field: FieldDef, value: unknown, language: string): string {
  const found = optionsOf(field).find((option) => option.value === value);
  return found ? labelIn(found.label, language) : String(value);
}

export function optionsOf(field: FieldDef): OptionDef[] {
  const options = field.options;
  if (!Array.isArray(options)) return [];
  return options.filter(
    (option): option is OptionDef =>
      typeof option === 'object' && option !== null && typeof (option as OptionDef).value === 'string',
  );
}

/**
 * The option a text names: its Chinese label first (what toText writes), then its value, then its English
 * label ignoring case.
 */
export function findOption(options: readonly OptionDef[], text: string): OptionDef | undefined {
  const wanted = text.trim();
  const lower = wanted.toLowerCase();
  return (
    options.find((option) => option.label?.zh === wanted) ??
    options.find((option) => option.value === wanted) ??
    options.find((option) => option.label?.en?.toLowerCase() === lower)
  );
}

/** Values and Chinese labels must be unique, or stored values and imports would be ambiguous. */
export function checkOptions(field: FieldDef): string[] {
  const messages: string[] = [];
  const values = new Set<string>();
  const labels = new Set<string>();
  for (const option of optionsOf(field)) {
    if (values.has(option.value)) messages.push(`Two options have the value "${option.value}".`);
    values.add(option.value);
    const zh = option.label?.zh;
    if (zh !== undefined) {
      if (labels.has(zh)) messages.push(`Two options have the label "${zh}".`);
      labels.add(zh);
    }
  }
  if (values.size === 0) messages.push('Add at least one option.');
  return messages;
}
