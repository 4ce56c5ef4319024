/** Day boundaries of "within the last / next N days" in Asia/Shanghai (UTC+8, no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;
const DAY = 86_400_000;

export function dayBounds(
  op: 'lastDays' | 'nextDays',
  days: number,
  now: Date,
  kind?: 'timestamp',
): [string, string] {
  const localMidnight = Math.floor((now.getTime() + OFFSET_MS) / DAY) * DAY - OFFSET_MS;
  // last N days: from N−1 days ago through today; next N days: today through N−1 days ahead.
  const from = op === 'lastDays' ? localMidnight - (days - 1) * DAY : localMidnight;
  const to = op === 'lastDays' ? localMidnight + DAY : localMidnight + days * DAY;
  if (kind === 'timestamp') return [new Date(from).toISOString(), new Date(to).toISOString()];
  return [boundary(from), boundary(to)];
}

/**
 * One bound serves dates and datetimes: a UTC instant as ISO text. Datetimes are fixed-width UTC ISO
 * text and compare directly; a date `YYYY-MM-DD` is the prefix of its own day's instants, and local
 * midnight (UTC+8) always falls at 16:00 UTC of the day before, so `date >= bound` holds exactly for
 * the local days from the bound's local day on.
 */
function boundary(utcMs: number): string {
  return new Date(utcMs).toISOString();
}
