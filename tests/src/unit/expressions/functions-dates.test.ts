import { compileExpression } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';

const NOW = new Date('2024-05-01T17:30:00Z'); // 2024-05-02 01:30 in Shanghai
const run = (source: string, input: unknown = {}, timeZone?: string) =>
  compileExpression(source).evaluate(input, {}, timeZone ? { now: NOW, timeZone } : { now: NOW });

describe('$daysBetween', () => {
  it('counts calendar days, signed, across months and leap days', async () => {
    expect(await run('$daysBetween("2024-01-01", "2024-03-01")')).toBe(60);
    expect(await run('$daysBetween("2023-01-01", "2023-03-01")')).toBe(59);
    expect(await run('$daysBetween("2024-03-01", "2024-01-01")')).toBe(-60);
    expect(await run('$daysBetween("2024-12-31", "2025-01-01")')).toBe(1);
    expect(await run('$daysBetween(f_a, f_b)', { f_a: '2024-05-01' })).toBeUndefined();
  });

  it('counts datetimes on their calendar date in the time zone', async () => {
    expect(await run('$daysBetween("2024-05-01T15:00:00Z", "2024-05-01T17:00:00Z")')).toBe(1);
    expect(await run('$daysBetween("2024-05-01T15:00:00Z", "2024-05-01T17:00:00Z")', {}, 'UTC')).toBe(0);
    expect(await run('$daysBetween("2024-05-01", "2024-05-03T23:59:00")')).toBe(2);
    expect(await run('$daysBetween("2024-05-01", "2024-05-03T08:00:00+0800")')).toBe(2);
  });

  it('refuses what is not a date', async () => {
    await expect(run('$daysBetween("2024-02-30", "2024-03-01")')).rejects.toMatchObject({ code: 'type' });
    await expect(run('$daysBetween("yesterday", "2024-03-01")')).rejects.toMatchObject({ code: 'type' });
  });
});

describe('$monthsBetween and $yearsBetween', () => {
  it('counts whole months consistently with $addMonths', async () => {
    expect(await run('$monthsBetween("2024-01-15", "2024-03-14")')).toBe(1);
    expect(await run('$monthsBetween("2024-01-15", "2024-03-15")')).toBe(2);
    expect(await run('$monthsBetween("2024-01-31", "2024-02-29")')).toBe(1);
    expect(await run('$monthsBetween("2024-01-31", "2024-02-28")')).toBe(0);
    expect(await run('$monthsBetween("2024-03-15", "2024-01-15")')).toBe(-2);
  });

  it('counts whole years, e.g. vehicle age', async () => {
    expect(await run('$yearsBetween("2019-06-30", "2024-06-29")')).toBe(4);
    expect(await run('$yearsBetween("2019-06-30", "2024-06-30")')).toBe(5);
    expect(await run('$yearsBetween("2020-02-29", "2021-02-28")')).toBe(1);
  });
});

describe('$addDays and $addMonths', () => {
  it('adds days across month and year ends', async () => {
    expect(await run('$addDays("2024-02-28", 1)')).toBe('2024-02-29');
    expect(await run('$addDays("2023-02-28", 1)')).toBe('2023-03-01');
    expect(await run('$addDays("2024-12-31", 1)')).toBe('2025-01-01');
    expect(await run('$addDays("2024-01-01", -1)')).toBe('2023-12-31');
    await expect(run('$addDays("2024-01-01", 1.5)')).rejects.toMatchObject({ code: 'type' });
  });

  it('clamps to the last day of shorter months', async () => {
    expect(await run('$addMonths("2024-01-31", 1)')).toBe('2024-02-29');
    expect(await run('$addMonths("2023-01-31", 1)')).toBe('2023-02-28');
    expect(await run('$addMonths("2024-03-31", -1)')).toBe('2024-02-29');
    expect(await run('$addMonths("2024-08-31", 1)')).toBe('2024-09-30');
    expect(await run('$addMonths("2024-11-30", 3)')).toBe('2025-02-28');
    expect(await run('$addMonths("2024-02-29", 12)')).toBe('2025-02-28');
    expect(await run('$addMonths(f_delivered, 36)', { f_delivered: '2021-07-15' })).toBe('2024-07-15');
  });
});

describe('$addWorkingDays', () => {
  it('skips weekends, across month ends, both directions', async () => {
    expect(await run('$addWorkingDays("2024-05-31", 1)')).toBe('2024-06-03'); // Fri → Mon
    expect(await run('$addWorkingDays("2024-06-03", -1)')).toBe('2024-05-31');
    expect(await run('$addWorkingDays("2024-01-26", 5)')).toBe('2024-02-02');
    expect(await run('$addWorkingDays("2024-06-01", 1)')).toBe('2024-06-03'); // from a Saturday
    expect(await run('$addWorkingDays("2024-06-01", 0)')).toBe('2024-06-01');
  });

  it('skips holidays and counts adjusted working weekends', async () => {
    const holidays = ['2024-05-01', '2024-05-02', '2024-05-03'];
    const workdays = ['2024-04-28', '2024-05-11'];
    expect(await run('$addWorkingDays("2024-04-30", 1, f_h)', { f_h: holidays })).toBe('2024-05-06');
    expect(await run('$addWorkingDays("2024-04-26", 1, f_h, f_w)', { f_h: holidays, f_w: workdays })).toBe(
      '2024-04-28',
    );
    expect(await run('$addWorkingDays("2024-04-30", 1, "2024-05-01")')).toBe('2024-05-02');
    await expect(run('$addWorkingDays("2024-04-30", 1, ["soon"])')).rejects.toMatchObject({ code: 'type' });
  });
});

describe('$today and $now', () => {
  it('come from the evaluation’s now, in its time zone', async () => {
    expect(await run('$today()')).toBe('2024-05-02');
    expect(await run('$today()', {}, 'UTC')).toBe('2024-05-01');
    expect(await run('$now()')).toBe('2024-05-01T17:30:00.000Z');
    expect(await run('$millis()')).toBe(NOW.getTime());
    expect(await run('$daysBetween($today(), "2024-05-12")')).toBe(10);
  });

  it('defaults to the current time', async () => {
    const now = (await compileExpression('$now()').evaluate({})) as string;
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(5_000);
  });
});
