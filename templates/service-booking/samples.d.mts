/** Deterministic sample bookings; see samples.mjs. */
export function samples(
  seed: number,
  count: number,
  options?: { today?: string },
): { form: string; data: Record<string, unknown> }[];
