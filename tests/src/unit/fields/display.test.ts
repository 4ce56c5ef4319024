import { type DisplayContext, type FieldType, fieldType } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { def } from './support';

const words: DisplayContext['word'] = (word, count) =>
  count === undefined ? `<${word}>` : `<${word} ${count}>`;
const en: DisplayContext = { language: 'en', word: words };
const zh: DisplayContext = { language: 'zh-CN', word: words };

function shown(type: string, value: unknown, props: Record<string, unknown> = {}, context = en): string {
  const display = (fieldType(type) as FieldType).displayText;
  if (!display) throw new Error(`${type} has no displayText`);
  return display(def(type, props), value, context);
}

const OPTIONS = [
  { value: 'red', label: { zh: '红', en: 'Red' } },
  { value: 'blue', label: { zh: '蓝', en: 'Blue' } },
];

/** Each type words its own values for people (the grid, record pages, public pages). */
describe('display text', () => {
  it('groups amounts exactly, with the currency symbol or code', () => {
    expect(shown('money', '-1234567.50')).toBe('-¥1,234,567.50');
    expect(shown('money', '12.5', { currency: 'USD' })).toBe('$12.5');
    expect(shown('money', '12.50', { currency: 'JPY' })).toBe('JPY 12.50');
    expect(shown('money', 'garbage')).toBe('garbage');
  });

  it('shows percentages, mileage and datetimes in the reader language and the field zone', () => {
    expect(shown('percent', 0.1525)).toBe('15.25%');
    expect(shown('mileage', 12345, {}, zh)).toBe('12,345 公里');
    expect(shown('datetime', '2026-03-01T04:05:00.000Z', {}, zh)).toBe('2026/03/01 12:05');
    expect(shown('datetime', '2026-03-01T04:05:00.000Z', { timeZone: 'UTC' })).toBe('01/03/2026, 04:05');
    // The system times are date-times too.
    expect(shown('created_at', '2026-03-01T04:05:00.000Z', {}, zh)).toBe('2026/03/01 12:05');
  });

  it('names options by their label, in the reader language, and unknown values as they are', () => {
    expect(shown('select', 'red', { options: OPTIONS })).toBe('Red');
    expect(shown('select', 'red', { options: OPTIONS }, zh)).toBe('红');
    expect(shown('select', 'green', { options: OPTIONS })).toBe('green');
    expect(shown('multiselect', ['red', 'blue'], { options: OPTIONS }, zh)).toBe('红、蓝');
  });

  it('leaves the words of the web app to the web app', () => {
    expect(shown('boolean', true)).toBe('<yes>');
    expect(shown('boolean', false)).toBe('<no>');
    expect(shown('signature', { fileId: 'f1' })).toBe('<signed>');
    expect(shown('subform', [{}, {}])).toBe('<rows 2>');
  });

  it('shows the names of the ids people, departments and relations hold, where known', () => {
    const nameOf = (id: string) => (id === 'usr_aaaa' ? '李明' : undefined);
    expect(shown('member', 'usr_aaaa', {}, { ...zh, nameOf })).toBe('李明');
    expect(shown('member', ['usr_aaaa', 'usr_bbbb'], {}, { ...zh, nameOf })).toBe('李明、usr_bbbb');
    expect(shown('relation', 'rec_1', {}, en)).toBe('rec_1');
  });

  it('shows files by name and places by their address', () => {
    expect(shown('attachment', [{ name: 'a.pdf' }, { name: 'b.png' }])).toBe('a.pdf, b.png');
    expect(shown('location', { lng: 120.1, lat: 30.2 })).toBe('120.1,30.2');
    expect(shown('location', { lng: 120.1, lat: 30.2, address: '西湖' })).toBe('西湖');
  });
});
