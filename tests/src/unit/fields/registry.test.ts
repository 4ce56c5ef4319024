import {
  FIELD_TYPES,
  type FieldType,
  fieldType,
  fieldTypes,
  normalizeFieldValue,
  UnknownFieldTypeError,
} from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from './samples';
import { context, def, validator } from './support';

const GROUPS = ['basic', 'choice', 'people', 'media', 'relation', 'advanced', 'system', 'layout'];

describe('the field-type registry', () => {
  it('lists every type once, in palette order, under its own name', () => {
    expect(FIELD_TYPES.length).toBeGreaterThanOrEqual(36);
    expect(new Set(FIELD_TYPES).size).toBe(FIELD_TYPES.length);
    expect([...fieldTypes.keys()]).toEqual([...FIELD_TYPES]);
    for (const name of FIELD_TYPES) expect(fieldType(name).type).toBe(name);
  });

  it('throws a clear error for an unknown type', () => {
    expect(() => fieldType('colour')).toThrow(UnknownFieldTypeError);
    expect(() => fieldType('colour')).toThrow(/Unknown field type "colour"/);
  });

  it.each(FIELD_TYPES)('%s has every member of the contract', (name) => {
    const type = fieldType(name);
    expect(GROUPS).toContain(type.group);
    expect(type.label.zh).not.toBe('');
    expect(type.label.en).not.toBe('');
    expect(type.definitionSchema).toHaveProperty('properties');
    expect(typeof type.widget(def(name, SAMPLES[name]?.props)).widget).toBe('string');
    if (!type.storesValue) expect(type.group).toBe('layout');
  });

  it('knows which types are computed and which store nothing', () => {
    const computed = FIELD_TYPES.filter((name) => fieldType(name).computed);
    expect(computed.sort()).toEqual(
      [
        'created_at',
        'created_by',
        'flow_state',
        'formula',
        'lookup',
        'rollup',
        'serial',
        'updated_at',
        'updated_by',
      ].sort(),
    );
    expect(FIELD_TYPES.filter((name) => !fieldType(name).storesValue).sort()).toEqual([
      'description',
      'divider',
    ]);
    for (const name of ['created_by', 'created_at', 'updated_by', 'updated_at', 'flow_state'])
      expect(fieldType(name).group).toBe('system');
  });
});

describe('every type round-trips its sample values', () => {
  it('has a sample for every registered type', () => {
    const missing = FIELD_TYPES.filter((name) => !(name in SAMPLES));
    expect(missing).toEqual([]);
    const stale = Object.keys(SAMPLES).filter((name) => !fieldTypes.has(name));
    expect(stale).toEqual([]);
    for (const name of FIELD_TYPES) {
      if (fieldType(name).storesValue) expect(SAMPLES[name]?.values.length, name).toBeGreaterThan(0);
    }
  });

  describe.each(FIELD_TYPES)('%s', (name) => {
    const sample = SAMPLES[name] ?? { values: [] };
    const type = fieldType(name) as FieldType;
    const field = def(name, sample.props);

    it('has a definition that passes its own checks', () => {
      expect(type.checkDefinition?.(field) ?? []).toEqual([]);
    });

    it.each(sample.values.map((value) => [JSON.stringify(value), value]))(
      'keeps %s through normalize, valueSchema and toText/fromText',
      (_, value) => {
        expect(type.normalize(field, value, context)).toEqual({ ok: true, value });
        const validate = validator(type.valueSchema(field));
        expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
        const text = type.toText(field, value);
        expect(typeof text).toBe('string');
        expect(type.fromText(field, text, context)).toEqual({ ok: true, value });
      },
    );

    it('treats empty input as no value', () => {
      expect(type.normalize(field, null, context)).toEqual({ ok: true, value: null });
      expect(type.normalize(field, undefined, context)).toEqual({ ok: true, value: null });
      expect(type.fromText(field, '', context)).toEqual({ ok: true, value: null });
      expect(type.toText(field, null)).toBe('');
    });
  });

  it('layout types store nothing, whatever is sent', () => {
    for (const name of ['divider', 'description']) {
      expect(fieldType(name).normalize(def(name), 'text', context)).toEqual({ ok: true, value: null });
      expect(validator(fieldType(name).valueSchema(def(name)))('anything')).toBe(false);
    }
  });
});

describe('normalizeFieldValue', () => {
  it('reports a plain field at its id', () => {
    expect(normalizeFieldValue(def('vin'), 'ABC', context)).toEqual({
      ok: false,
      issues: [{ path: '/f_sample', message: 'A VIN has 17 letters and digits, without I, O or Q.' }],
    });
    expect(normalizeFieldValue(def('vin'), ' 1m8gdm9axkp042788 ', context)).toEqual({
      ok: true,
      value: '1M8GDM9AXKP042788',
    });
  });

  it('throws for a field of an unknown type', () => {
    expect(() => normalizeFieldValue(def('colour'), 'red', context)).toThrow(UnknownFieldTypeError);
  });
});
