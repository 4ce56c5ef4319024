import type { FieldDef, FieldIssue, FieldType, JsonSchema, Label } from './contract';
import { FIELD_ID_PATTERN } from './conversion';
import { FIELD_TYPES, fieldTypes } from './registry';
import { expressionSchema, formIdSchema, labelSchema, longLabelSchema } from './schema-parts';
import {
  pointerSegment,
  SUBFORM_CHILD_EXCLUDED,
  subformColumns,
  subformDefinitionIssues,
} from './types/subform';

export interface FormSection {
  id: string;
  title: Label;
  /** Shown under the title when people fill the form. */
  description?: Label;
}

/** A form as the designer saves it and the engine reads it. */
export interface FormDefinition {
  id: string;
  app: string;
  title: Label;
  description?: Label;
  fields: FieldDef[];
  sections?: FormSection[];
}

export const MAX_FORM_FIELDS = 500;
export const FORM_DEFINITION_SCHEMA_ID = 'https://forecourt.dev/schemas/form-definition.json';

const SECTION_ID_PATTERN = '^[a-z][a-z0-9_]{0,40}$';

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

const valueOrString: JsonSchema = { type: ['number', 'string'] };

/** FieldBase as JSON Schema: every field branch starts from these. */
function baseProperties(): Record<string, JsonSchema> {
  return {
    id: { type: 'string', pattern: FIELD_ID_PATTERN },
    label: ref('label'),
    description: ref('longLabel'),
    required: { type: 'boolean' },
    unique: { type: 'boolean' },
    readOnly: { type: 'boolean' },
    hidden: { type: 'boolean' },
    default: ref('fieldDefault'),
    validations: { type: 'array', maxItems: 20, items: ref('fieldValidation') },
    visibleIf: expressionSchema,
    indexed: { type: 'boolean' },
    layout: {
      type: 'object',
      properties: { width: { enum: [1, 2, 3, 4] }, section: { type: 'string', pattern: SECTION_ID_PATTERN } },
      additionalProperties: false,
    },
  };
}

function closed(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

const fieldDefaultSchema: JsonSchema = {
  oneOf: [
    closed({ kind: { const: 'value' }, value: {} }, ['kind', 'value']),
    closed({ kind: { const: 'expression' }, expression: expressionSchema }, ['kind', 'expression']),
    closed({ kind: { const: 'currentUser' } }, ['kind']),
    closed({ kind: { const: 'currentDepartment' } }, ['kind']),
    closed(
      {
        kind: { const: 'linkage' },
        form: formIdSchema,
        field: { type: 'string', pattern: FIELD_ID_PATTERN },
        match: {
          type: 'array',
          minItems: 1,
          maxItems: 10,
          items: closed(
            {
              sourceField: { type: 'string', pattern: FIELD_ID_PATTERN },
              thisField: { type: 'string', pattern: FIELD_ID_PATTERN },
            },
            ['sourceField', 'thisField'],
          ),
        },
      },
      ['kind', 'form', 'field', 'match'],
    ),
  ],
};

const fieldValidationSchema: JsonSchema = {
  oneOf: [
    closed({ kind: { const: 'range' }, min: valueOrString, max: valueOrString, message: ref('label') }, [
      'kind',
    ]),
    closed(
      {
        kind: { const: 'length' },
        min: { type: 'integer', minimum: 0 },
        max: { type: 'integer', minimum: 0 },
        message: ref('label'),
      },
      ['kind'],
    ),
    closed(
      {
        kind: { const: 'pattern' },
        pattern: { type: 'string', minLength: 1, maxLength: 500 },
        message: ref('label'),
      },
      ['kind', 'pattern'],
    ),
    closed({ kind: { const: 'expression' }, expression: expressionSchema, message: ref('label') }, [
      'kind',
      'expression',
      'message',
    ]),
  ],
};

/** One closed branch of the field union: FieldBase, the type's own properties, and `type` fixed. */
function fieldBranch(type: FieldType): JsonSchema {
  const own = type.definitionSchema as { properties?: Record<string, JsonSchema>; required?: string[] };
  const base = baseProperties();
  const properties: Record<string, JsonSchema> = { ...base };
  for (const [name, schema] of Object.entries(own.properties ?? {})) {
    if (name in base) throw new Error(`Field type ${type.type} redefines the common property ${name}.`);
    properties[name] = schema;
  }
  properties.type = { const: type.type };
  // A table's columns are fields too, from the column union.
  if (type.type === 'subform') properties.fields = { ...(properties.fields ?? {}), items: ref('column') };
  const required = [...new Set(['id', 'type', 'label', ...(own.required ?? [])])];
  return { type: 'object', properties, required, additionalProperties: false };
}

function union(types: FieldType[]): JsonSchema {
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: types.map((type) => type.type) } },
    // Validators that understand `discriminator` (Ajv with discriminator: true) pick the branch by type.
    discriminator: { propertyName: 'type' },
    oneOf: types.map(fieldBranch),
  };
}

/** JSON Schema (2020-12) of a whole form definition, with one closed branch per registered field type. */
export function formDefinitionSchema(): JsonSchema {
  const all = FIELD_TYPES.map((name) => fieldTypes.get(name) as FieldType);
  const columns = all.filter((type) => !SUBFORM_CHILD_EXCLUDED.has(type.type));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: FORM_DEFINITION_SCHEMA_ID,
    title: 'Forecourt form definition',
    type: 'object',
    properties: {
      id: formIdSchema,
      app: formIdSchema,
      title: ref('label'),
      description: ref('longLabel'),
      fields: { type: 'array', maxItems: MAX_FORM_FIELDS, items: ref('field') },
      sections: {
        type: 'array',
        maxItems: 50,
        items: closed(
          {
            id: { type: 'string', pattern: SECTION_ID_PATTERN },
            title: ref('label'),
            description: ref('longLabel'),
          },
          ['id', 'title'],
        ),
      },
    },
    required: ['id', 'app', 'title', 'fields'],
    additionalProperties: false,
    $defs: {
      label: labelSchema,
      longLabel: longLabelSchema,
      fieldDefault: fieldDefaultSchema,
      fieldValidation: fieldValidationSchema,
      field: union(all),
      column: union(columns),
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** Range and length validations whose bounds are the wrong way round. */
function validationIssues(field: FieldDef, path: string): FieldIssue[] {
  if (!Array.isArray(field.validations)) return [];
  const issues: FieldIssue[] = [];
  (field.validations as unknown[]).forEach((validation, index) => {
    if (!isObject(validation)) return;
    const min = asNumber(validation.min);
    const max = asNumber(validation.max);
    if (min !== undefined && max !== undefined && min > max)
      issues.push({
        path: `${path}/validations/${index}`,
        message: 'The minimum is larger than the maximum.',
      });
  });
  return issues;
}

/** References between fields of the same form: lookups through relations, rollups over tables, copies. */
function referenceIssues(field: FieldDef, path: string, byId: Map<string, FieldDef>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const expect = (id: unknown, type: string, at: string, what: string) => {
    if (typeof id !== 'string') return undefined;
    const target = byId.get(id);
    if (target?.type !== type)
      issues.push({ path: `${path}/${at}`, message: `${id} is not a ${what} of this form.` });
    return target?.type === type ? target : undefined;
  };
  if (field.type === 'lookup') expect(field.relation, 'relation', 'relation', 'related-record field');
  if (field.type === 'rollup' && isObject(field.source)) {
    expect(field.source.relation, 'relation', 'source/relation', 'related-record field');
    const table = expect(field.source.subform, 'subform', 'source/subform', 'table');
    if (
      table &&
      typeof field.field === 'string' &&
      !subformColumns(table).some((column) => column.id === field.field)
    )
      issues.push({ path: `${path}/field`, message: `${field.field} is not a column of ${table.id}.` });
  }
  if (field.type === 'relation' && isObject(field.copy)) {
    for (const [source, target] of Object.entries(field.copy)) {
      if (typeof target === 'string' && !byId.has(target))
        issues.push({
          path: `${path}/copy/${pointerSegment(source)}`,
          message: `${target} is not a field of this form.`,
        });
    }
  }
  return issues;
}

/**
 * What the meta-schema cannot say: unique ids (fields, columns, sections, options), min ≤ max, sections and
 * fields that references name. Paths are JSON pointers into the definition (`/fields/3/id`).
 */
export function checkFormDefinition(definition: unknown): FieldIssue[] {
  if (!isObject(definition)) return [{ path: '', message: 'A form definition is an object.' }];
  const fields = definition.fields;
  if (!Array.isArray(fields)) return [{ path: '/fields', message: 'A form needs a list of fields.' }];
  const issues: FieldIssue[] = [];
  if (fields.length > MAX_FORM_FIELDS)
    issues.push({ path: '/fields', message: `A form can have at most ${MAX_FORM_FIELDS} fields.` });

  const sectionIds = new Set<string>();
  if (Array.isArray(definition.sections)) {
    definition.sections.forEach((section, index) => {
      const id = isObject(section) ? section.id : undefined;
      if (typeof id !== 'string') return;
      if (sectionIds.has(id))
        issues.push({ path: `/sections/${index}/id`, message: `Two sections have the id ${id}.` });
      sectionIds.add(id);
    });
  }

  const fieldIdRe = new RegExp(FIELD_ID_PATTERN);
  const byId = new Map<string, FieldDef>();
  const firstIndex = new Map<string, number>();
  fields.forEach((raw, index) => {
    const path = `/fields/${index}`;
    if (!isObject(raw)) {
      issues.push({ path, message: 'This field is not a field definition.' });
      return;
    }
    const field = raw as FieldDef;
    if (typeof field.id !== 'string' || !fieldIdRe.test(field.id))
      issues.push({
        path: `${path}/id`,
        message: 'A field id is f_ then up to 40 lowercase letters, digits or _.',
      });
    else if (firstIndex.has(field.id))
      issues.push({
        path: `${path}/id`,
        message: `The id ${field.id} is already used by field ${(firstIndex.get(field.id) ?? 0) + 1}.`,
      });
    else {
      firstIndex.set(field.id, index);
      byId.set(field.id, field);
    }
    const type = typeof field.type === 'string' ? fieldTypes.get(field.type) : undefined;
    if (!type) {
      issues.push({ path: `${path}/type`, message: `Unknown field type "${String(field.type)}".` });
      return;
    }
    if (type.type === 'subform') {
      const resolve = (name: string) => fieldTypes.get(name);
      for (const issue of subformDefinitionIssues(field, resolve))
        issues.push({ path: path + issue.path, message: issue.message });
      subformColumns(field).forEach((column, columnIndex) => {
        issues.push(...validationIssues(column, `${path}/fields/${columnIndex}`));
      });
    } else for (const message of type.checkDefinition?.(field) ?? []) issues.push({ path, message });
    issues.push(...validationIssues(field, path));
    const section = isObject(field.layout) ? field.layout.section : undefined;
    if (typeof section === 'string' && !sectionIds.has(section))
      issues.push({ path: `${path}/layout/section`, message: `There is no section ${section}.` });
  });

  fields.forEach((raw, index) => {
    if (isObject(raw)) issues.push(...referenceIssues(raw as FieldDef, `/fields/${index}`, byId));
  });
  return issues;
}
