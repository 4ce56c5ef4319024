import { formatSerial, type SerialReset, serialPeriod } from '@forecourt/schemas';
import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import type { FormVersion, WriteContext } from './context';

/**
 * Numbers the new records of a batch. The counter row is moved by the batch size inside the
 * records' transaction: concurrent creates queue on its row lock, and a rolled-back create gives
 * its numbers back, so numbers are unique and gap-free per period.
 */
export async function assignSerials(
  db: Executor,
  context: WriteContext,
  form: FormVersion,
  records: Record<string, unknown>[],
): Promise<void> {
  if (!records.length) return;
  for (const field of form.definition.fields.filter((f) => f.type === 'serial')) {
    const period = serialPeriod(
      (field.resetEvery as SerialReset | undefined) ?? 'never',
      context.now,
      context.timeZone,
    );
    const { rows } = await sql<{ value: string }>`
      insert into serial_counters (workspace_id, form_id, field_id, period, value)
      values (${context.actor.workspaceId}, ${form.formId}, ${field.id}, ${period}, ${records.length})
      on conflict (form_id, field_id, period) do update set value = serial_counters.value + ${records.length}
      returning value`.execute(db);
    const first = Number(rows[0]!.value) - records.length + 1;
    records.forEach((data, i) => {
      data[field.id] = formatSerial(String(field.pattern), {
        date: context.now,
        counter: first + i,
        values: data,
        timeZone: context.timeZone,
      });
    });
  }
}
