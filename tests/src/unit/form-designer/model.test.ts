import type { FieldDef, FormDefinition } from '@forecourt/schemas';
import { checkFormDefinition, formDefinitionSchema } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { applySuggestion, suggestionsFor, wordAt } from '../../../../designer/src/form/expression/suggest';
import {
  addField,
  addSection,
  moveField,
  nudgeField,
  removeField,
  removeSection,
  visibleFields,
  widthOf,
} from '../../../../designer/src/form/model';
import { withType } from '../../../../designer/src/form/new-field';
import { metaSchemaValidator } from '../../../../engine/src/forms/meta-schema';

/** The form designer's edits (designer/src/form/model.ts): pure, so checked here without a browser. */
const field = (id: string, section?: string): FieldDef => ({
  id,
  type: 'text',
  label: { zh: id, en: id },
  ...(section ? { layout: { section } } : {}),
});

const form = (fields: FieldDef[], sections: string[] = []): FormDefinition => ({
  id: 'frm_test',
  app: 'app_test',
  title: { zh: '测试', en: 'Test' },
  fields,
  ...(sections.length ? { sections: sections.map((id) => ({ id, title: { zh: id, en: id } })) } : {}),
});

const ids = (definition: FormDefinition) => visibleFields(definition).map((f) => f.id);
const context = { forms: [{ id: 'frm_lead', title: { zh: '线索', en: 'Lead' } }] };

describe('form designer edits', () => {
  it('adds every registered type as a definition the server accepts', async () => {
    const { FIELD_TYPES } = await import('@forecourt/schemas');
    let definition = form([]);
    for (const type of FIELD_TYPES) {
      if (type === 'rollup') continue; // rolls up a table: added once one exists (below)
      definition = addField(definition, type, { endOf: '' }, context).definition;
    }
    definition = addField(definition, 'rollup', { endOf: '' }, context).definition;
    const validate = metaSchemaValidator(formDefinitionSchema);
    expect(validate(definition), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(checkFormDefinition(definition)).toEqual([]);
    expect(definition.fields.find((f) => f.type === 'relation')).toMatchObject({ target: 'frm_lead' });
    expect(definition.fields.find((f) => f.type === 'rollup')).toMatchObject({
      source: { subform: 'f_subform' },
    });
    expect(new Set(definition.fields.map((f) => f.id)).size).toBe(definition.fields.length);
  });

  it('puts a new field before, after or at the end of a section, taking that section', () => {
    const definition = form([field('f_a'), field('f_b', 's1')], ['s1']);
    const before = addField(definition, 'number', { before: 'f_b' }, context);
    expect(ids(before.definition)).toEqual(['f_a', 'f_number', 'f_b']);
    expect(before.field.id).toBe('f_number');
    expect(before.definition.fields[1]).toMatchObject({ layout: { section: 's1' } });
    expect(ids(addField(definition, 'number', { after: 'f_a' }, context).definition)).toEqual([
      'f_a',
      'f_number',
      'f_b',
    ]);
    const end = addField(definition, 'number', { endOf: '' }, context).definition;
    expect(ids(end)).toEqual(['f_a', 'f_number', 'f_b']);
    expect(end.fields[1]?.layout).toBeUndefined();
  });

  it('moves fields by drop and by Alt+arrow, crossing into the next section at an edge', () => {
    const definition = form([field('f_a'), field('f_b'), field('f_c', 's1')], ['s1', 's2']);
    expect(ids(moveField(definition, 'f_c', { before: 'f_a' }))).toEqual(['f_c', 'f_a', 'f_b']);
    expect(ids(nudgeField(definition, 'f_b', -1))).toEqual(['f_b', 'f_a', 'f_c']);
    const down = nudgeField(definition, 'f_b', 1);
    expect(ids(down)).toEqual(['f_a', 'f_b', 'f_c']);
    expect(down.fields.find((f) => f.id === 'f_b')?.layout?.section).toBe('s1');
    const last = nudgeField(definition, 'f_c', 1);
    expect(last.fields.find((f) => f.id === 'f_c')?.layout?.section).toBe('s2');
    expect(nudgeField(definition, 'f_a', -1)).toBe(definition);
  });

  it('hides a published field instead of dropping it, and removes a draft one', () => {
    const definition = form([field('f_a'), field('f_b')]);
    const hidden = removeField(definition, 'f_a', new Set(['f_a']));
    expect(hidden.fields.find((f) => f.id === 'f_a')?.hidden).toBe(true);
    expect(ids(hidden)).toEqual(['f_b']);
    expect(removeField(definition, 'f_b', new Set(['f_a'])).fields.map((f) => f.id)).toEqual(['f_a']);
  });

  it('keeps the fields of a removed section', () => {
    const definition = addSection(form([field('f_a'), field('f_b', 'section_1')]), {
      zh: '分组',
      en: 'Section',
    });
    const removed = removeSection(
      { ...definition, sections: [{ id: 'section_1', title: { zh: 'x', en: 'x' } }] },
      'section_1',
    );
    expect(removed.sections).toBeUndefined();
    expect(ids(removed)).toEqual(['f_a', 'f_b']);
    expect(removed.fields[1]?.layout).toBeUndefined();
  });

  it('changes a type keeping who the field is, and lays widths out as the renderer does', () => {
    const text: FieldDef = { ...field('f_count'), required: true, maxLength: 20, layout: { width: 1 } };
    const number = withType(text, 'number', form([text]), context);
    expect(number).toEqual({
      id: 'f_count',
      type: 'number',
      label: text.label,
      required: true,
      layout: { width: 1 },
    });
    expect(widthOf(number)).toBe(1);
    expect(widthOf(field('f_x'))).toBe(2);
    expect(widthOf({ ...field('f_y'), type: 'textarea', layout: { width: 1 } })).toBe(4);
  });
});

describe('expression autocomplete', () => {
  const fields = [
    { id: 'f_start_km', label: '出发里程', type: 'number' },
    { id: 'f_end_km', label: '返回里程', type: 'number' },
  ];
  it('suggests fields by id or label and functions after $', () => {
    expect(wordAt('f_end_km - 出发', 13)).toEqual({ word: '出发', start: 11 });
    expect(suggestionsFor('出发', fields).map((s) => s.insert)).toEqual(['f_start_km']);
    expect(suggestionsFor('f_', fields).map((s) => s.insert)).toEqual(['f_start_km', 'f_end_km']);
    expect(suggestionsFor('$roun', fields).map((s) => s.insert)).toContain('$round(');
    expect(suggestionsFor('$ev', fields)).toEqual([]);
  });
  it('replaces the word at the caret', () => {
    const [first] = suggestionsFor('返回', fields);
    expect(applySuggestion('返回', 2, first!)).toEqual({ source: 'f_end_km', caret: 8 });
  });
});
