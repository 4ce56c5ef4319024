/** A span of minutes as the designer shows it: days, hours and minutes. */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

const DAY = 24 * 60;

export function splitMinutes(total: number): DurationParts {
  const whole = Math.max(0, Math.round(total));
  return { days: Math.floor(whole / DAY), hours: Math.floor((whole % DAY) / 60), minutes: whole % 60 };
}

export function joinParts({ days, hours, minutes }: DurationParts): number {
  return days * DAY + hours * 60 + minutes;
}

/** "3 days, 2 hours" / "3天2小时", in the UI language, through Intl (no plural keys in the locale files). */
export function durationText(total: number, language: string): string {
  const parts = splitMinutes(total);
  const units = [
    ['day', parts.days],
    ['hour', parts.hours],
    ['minute', parts.minutes],
  ] as const;
  const shown = units.filter(([, n]) => n > 0);
  const unit = (name: string, n: number) =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'long' }).format(n);
  if (!shown.length) return unit('minute', 0);
  return new Intl.ListFormat(language, { type: 'unit', style: 'narrow' }).format(
    shown.map(([name, n]) => unit(name, n)),
  );
}
