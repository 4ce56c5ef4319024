import { fieldType, formatInZone, zonedToInstant, zoneOffsetMinutes } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { context, def, fromText, refusal, stored, toText } from './support';

describe('date', () => {
  it('reads the common ways of writing a date', () => {
    for (const input of ['2026-03-01', '2026-3-1', '2026/03/01', '2026.3.1', '2026年3月1日', '20260301'])
      expect(stored('date', input), input).toBe('2026-03-01');
  });

  it('takes the calendar day in the context zone from a timestamp', () => {
    expect(stored('date', '2026-02-28T20:00:00Z')).toBe('2026-03-01');
    expect(stored('date', '2026-02-28 20:00')).toBe('2026-02-28');
  });

  it('refuses dates that do not exist and checks bounds', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', 'yesterday', '0999-01-01'])
      expect(refusal('date', bad), bad).toBe('Enter a date such as 2026-03-01.');
    expect(stored('date', '2024-02-29')).toBe('2024-02-29');
    expect(refusal('date', '2025-12-31', { min: '2026-01-01' })).toBe('Enter a date on or after 2026-01-01.');
    expect(
      fieldType('date').checkDefinition?.(def('date', { min: '2026-02-01', max: '2026-01-01' })),
    ).toHaveLength(1);
  });
});

describe('datetime', () => {
  it('reads text without a zone in Asia/Shanghai', () => {
    expect(stored('datetime', '2026-03-01 08:00')).toBe('2026-03-01T00:00:00.000Z');
    expect(stored('datetime', '2026/3/1 8:00:30.5')).toBe('2026-03-01T00:00:30.500Z');
    expect(stored('datetime', '2026-03-01')).toBe('2026-02-28T16:00:00.000Z');
  });

  it('honours an explicit offset or Z', () => {
    expect(stored('datetime', '2026-03-01T08:00:00+08:00')).toBe('2026-03-01T00:00:00.000Z');
    expect(stored('datetime', '2026-03-01T08:00:00Z')).toBe('2026-03-01T08:00:00.000Z');
    expect(stored('datetime', '2026-03-01T08:00:00-0500')).toBe('2026-03-01T13:00:00.000Z');
    expect(stored('datetime', Date.UTC(2026, 2, 1))).toBe('2026-03-01T00:00:00.000Z');
  });

  it('reads zone-less text in the context zone, through daylight saving', () => {
    const newYork = { ...context, timeZone: 'America/New_York' };
    const read = (text: string) => fieldType('datetime').normalize(def('datetime'), text, newYork);
    expect(read('2026-01-15 09:00')).toEqual({ ok: true, value: '2026-01-15T14:00:00.000Z' });
    expect(read('2026-07-15 09:00')).toEqual({ ok: true, value: '2026-07-15T13:00:00.000Z' });
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 15), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 15), 'Asia/Kolkata')).toBe(330);
  });

  it('writes local time with its offset, and reads it back exactly', () => {
    expect(toText('datetime', '2026-03-01T00:00:00.000Z')).toBe('2026-03-01 08:00:00+08:00');
    expect(toText('datetime', '2026-07-01T12:00:00.123Z', { timeZone: 'America/New_York' })).toBe(
      '2026-07-01 08:00:00.123-04:00',
    );
    expect(fromText('datetime', '2026-07-01 08:00:00.123-04:00')).toEqual({
      ok: true,
      value: '2026-07-01T12:00:00.123Z',
    });
  });

  it('refuses nonsense, impossible times and unknown zones in the definition', () => {
    for (const bad of ['soon', '2026-03-01 25:00', '2026-02-30 08:00', Number.NaN, {}])
      expect(refusal('datetime', bad)).toMatch(/date and time/);
    expect(fieldType('datetime').checkDefinition?.(def('datetime', { timeZone: 'Mars/Olympus' }))).toEqual([
      'Unknown time zone "Mars/Olympus".',
    ]);
  });

  it('formats instants in a zone', () => {
    const instant = zonedToInstant(
      { year: 2026, month: 3, day: 1, hour: 8, minute: 5, second: 9, millisecond: 0 },
      'Asia/Shanghai',
    );
    expect(new Date(instant).toISOString()).toBe('2026-03-01T00:05:09.000Z');
    expect(formatInZone(instant, 'Asia/Shanghai', 'yyMMdd-HHmmss')).toBe('260301-080509');
  });
});
