import {
  type FieldContext,
  type FieldDef,
  type FieldType,
  type FieldTypeName,
  fieldType,
  type JsonSchema,
} from '@forecourt/schemas';
// The schemas package must not depend on ajv (the engine compiles); tests have their own copy.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const context: FieldContext = { now: new Date('2026-03-01T04:00:00.000Z'), timeZone: 'Asia/Shanghai' };

/** A definition of the type; tests may name an unregistered type on purpose, so any name is taken. */
export function def(type: string, props: Record<string, unknown> = {}): FieldDef {
  return { id: 'f_sample', type: type as FieldTypeName, label: { zh: '样例', en: 'Sample' }, ...props };
}

/** normalize through the registry, for terse assertions. */
export function normalize(type: string, input: unknown, props: Record<string, unknown> = {}) {
  return fieldType(type).normalize(def(type, props), input, context);
}

export function fromText(type: string, text: string, props: Record<string, unknown> = {}) {
  return fieldType(type).fromText(def(type, props), text, context);
}

export function toText(type: string, value: unknown, props: Record<string, unknown> = {}) {
  return (fieldType(type) as FieldType).toText(def(type, props), value);
}

/** The stored value, failing the test with the message when the input was refused. */
export function stored(type: string, input: unknown, props: Record<string, unknown> = {}): unknown {
  const result = normalize(type, input, props);
  if (!result.ok) throw new Error(`${type} refused ${JSON.stringify(input)}: ${result.message}`);
  return result.value;
}

export function refusal(type: string, input: unknown, props: Record<string, unknown> = {}): string {
  const result = normalize(type, input, props);
  if (result.ok)
    throw new Error(`${type} accepted ${JSON.stringify(input)} as ${JSON.stringify(result.value)}`);
  return result.message;
}

export function newAjv(options: Record<string, unknown> = {}) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, ...options });
  addFormats(ajv);
  return ajv;
}

export function validator(schema: JsonSchema, options: Record<string, unknown> = {}) {
  return newAjv(options).compile(schema);
}
