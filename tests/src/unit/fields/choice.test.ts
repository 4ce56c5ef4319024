import { fieldType, splitChoices } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def, fromText, refusal, stored, toText, validator } from './support';

const options = [
  { value: 'oil', label: { zh: '机油', en: 'Oil' } },
  { value: 'filter', label: { zh: '机滤', en: 'Oil filter' } },
  { value: 'wipers', label: { zh: '雨刮, 前', en: 'Front wipers' } },
  { value: 'tyres', label: { zh: '轮胎', en: 'Tyres' } },
];

describe('boolean', () => {
  it('reads the many ways of writing yes and no', () => {
    for (const yes of [true, 'true', 'Yes', 'Y', '1', 1, '是', '√'])
      expect(stored('boolean', yes), String(yes)).toBe(true);
    for (const no of [false, 'false', 'NO', '0', 0, '否', '×'])
      expect(stored('boolean', no), String(no)).toBe(false);
    expect(refusal('boolean', 'maybe')).toBe('Answer yes or no.');
    expect(refusal('boolean', 2)).toBe('Answer yes or no.');
    expect(toText('boolean', true)).toBe('是');
    expect(toText('boolean', false)).toBe('否');
  });
});

describe('select', () => {
  const props = { options };

  it('stores the option value, given the value or either label', () => {
    expect(stored('select', 'oil', props)).toBe('oil');
    expect(stored('select', '机滤', props)).toBe('filter');
    expect(stored('select', 'oil filter', props)).toBe('filter');
    expect(stored('select', ' Tyres ', props)).toBe('tyres');
    expect(refusal('select', 'brakes', props)).toBe('"brakes" is not one of the options.');
  });

  it('writes the Chinese label and reads it back', () => {
    expect(toText('select', 'wipers', props)).toBe('雨刮, 前');
    expect(fromText('select', '雨刮, 前', props)).toEqual({ ok: true, value: 'wipers' });
  });

  it('enumerates the option values in the value schema', () => {
    const validate = validator(fieldType('select').valueSchema(def('select', props)));
    expect(validate('oil')).toBe(true);
    expect(validate('机油')).toBe(false);
  });

  it('reports duplicate option values and labels', () => {
    const duplicate = [...options, { value: 'oil', label: { zh: '机滤', en: 'Again' } }];
    expect(fieldType('select').checkDefinition?.(def('select', { options: duplicate }))).toEqual([
      'Two options have the value "oil".',
      'Two options have the label "机滤".',
    ]);
    expect(fieldType('select').widget(def('select', { options, display: 'radio' })).widget).toBe('radio');
  });
});

describe('multiselect', () => {
  const props = { options };

  it('stores unique values in the order of the options', () => {
    expect(stored('multiselect', ['tyres', 'oil', 'oil'], props)).toEqual(['oil', 'tyres']);
    expect(stored('multiselect', ['机滤', 'Oil'], props)).toEqual(['oil', 'filter']);
    expect(stored('multiselect', [], props)).toBeNull();
    expect(refusal('multiselect', ['oil', 'brakes'], props)).toBe('"brakes" is not one of the options.');
  });

  it('reads text separated by ; , ， or 、, even when a label contains a comma', () => {
    expect(stored('multiselect', '机油; 轮胎', props)).toEqual(['oil', 'tyres']);
    expect(stored('multiselect', '轮胎，机油', props)).toEqual(['oil', 'tyres']);
    expect(stored('multiselect', '机滤、oil', props)).toEqual(['oil', 'filter']);
    expect(stored('multiselect', '雨刮, 前, 机油', props)).toEqual(['oil', 'wipers']);
    expect(splitChoices(options, '机油;;')?.map((option) => option.value)).toEqual(['oil']);
    expect(refusal('multiselect', '机油; 刹车片', props)).toMatch(/separate them with ";"/);
  });

  it('writes labels joined with "; "', () => {
    expect(toText('multiselect', ['oil', 'wipers'], props)).toBe('机油; 雨刮, 前');
  });

  it('checks how many are chosen', () => {
    expect(refusal('multiselect', ['oil', 'filter', 'tyres'], { ...props, maxSelected: 2 })).toBe(
      'Choose at most 2.',
    );
    expect(refusal('multiselect', ['oil'], { ...props, minSelected: 2 })).toBe('Choose at least 2.');
  });
});

describe('rating and NPS', () => {
  it('takes whole stars from 1 to max (default 5)', () => {
    expect(stored('rating', 4)).toBe(4);
    expect(stored('rating', '4/5')).toBe(4);
    expect(stored('rating', '★★★☆☆')).toBe(3);
    expect(stored('rating', 10, { max: 10 })).toBe(10);
    for (const bad of [0, 6, 3.5, 'good'])
      expect(refusal('rating', bad)).toBe('Give a whole number of stars from 1 to 5.');
  });

  it('takes scores from 0 to 10', () => {
    expect(stored('nps', 0)).toBe(0);
    expect(stored('nps', '10')).toBe(10);
    expect(stored('nps', '１０')).toBe(10);
    for (const bad of [-1, 11, 7.5, '7.5', 'ten'])
      expect(refusal('nps', bad)).toBe('Choose a score from 0 to 10.');
  });
});
