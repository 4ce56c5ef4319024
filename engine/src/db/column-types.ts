import type { ColumnType } from 'kysely';

/** Timestamps come back as Date and may be written as Date or ISO text. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** A JSON column: read as its shape, written as text. */
export type Json<T> = ColumnType<T, string, string>;
