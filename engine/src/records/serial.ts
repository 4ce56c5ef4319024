import { type FieldDef, formatSerial, type SerialReset, serialPeriod } from '@forecourt/schemas';
import { sql } from 'kysely';
import type { Executor } from '../db/schema';

/**
 * The next number of a serial field in its period. The counter row is incremented inside the
 * record's transaction: concurrent creates queue on its row lock, and a rolled-back create gives
 * its number back, so numbers are unique and gap-free per period.
 */
export async function nextSerial(
  db: Executor,
  workspaceId: string,
  formId: string,
  field: FieldDef,
  context: { now: Date; timeZone: string; values: Record<string, unknown> },
): Promise<string> {
  const resetEvery = (field.resetEvery as SerialReset | undefined) ?? 'never';
  const period = serialPeriod(resetEvery, context.now, context.timeZone);
  const { rows } = await sql<{ value: string }>`
    insert into serial_counters (workspace_id, form_id, field_id, period, value)
    values (${workspaceId}, ${formId}, ${field.id}, ${period}, 1)
    on conflict (form_id, field_id, period) do update set value = serial_counters.value + 1
    returning value`.execute(db);
  return formatSerial(String(field.pattern), {
    date: context.now,
    counter: Number(rows[0]!.value),
    values: context.values,
    timeZone: context.timeZone,
  });
}
