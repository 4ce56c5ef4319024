import {
  DEFAULT_TIME_ZONE,
  type FieldDef,
  fieldType,
  fieldTypes,
  instantToZoned,
  valueTypeOf,
} from '@forecourt/schemas';
import type { RecordView } from '../../records/service';
import { cellText } from '../import/read-sheet';
import { storedValue, valueText } from './columns';
import { unescapeCell } from './formula-escape';

/** One xlsx cell: a number, an Excel date (with its display format) or a string cell. */
export interface XlsxCell {
  value: string | number | Date;
  numFmt?: string;
}

/**
 * A record's value as an xlsx cell, so that Excel can sum, sort and filter it: numbers and amounts
 * (also formula, lookup and rollup results of those types) as numeric cells, dates and date-times as
 * real Excel dates. Everything else is a string cell, which Excel never runs as a formula, so it needs
 * no formula-injection apostrophe (that escape is for CSV); see `xlsxText` for the one exception.
 */
export function xlsxCell(record: RecordView, field: FieldDef): XlsxCell {
  const value = storedValue(record, field);
  const type = valueTypeOf(field);
  if (type === 'money' && (typeof value === 'string' || typeof value === 'number')) {
    const amount = Number(value);
    // Numeric only if reading the cell back gives the same amount (15 significant digits).
    const back = fieldType('money').fromText({ ...field, type: 'money' }, cellText(amount), {
      now: new Date(),
      timeZone: DEFAULT_TIME_ZONE,
    });
    if (back.ok && back.value === String(value)) return { value: amount, numFmt: moneyFormat(field) };
  } else if (
    // Other types that compare as numbers store JSON numbers.
    fieldTypes.get(type)?.compareAs === 'number' &&
    typeof value === 'number' &&
    Number.isFinite(value)
  )
    return { value };
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), numFmt: 'yyyy-mm-dd' };
  }
  if (type === 'datetime' && typeof value === 'string') {
    const at = excelDateTime(value);
    if (at) return { value: at, numFmt: 'yyyy-mm-dd hh:mm:ss' };
  }
  return { value: xlsxText(valueText(record, field)) };
}

/**
 * Text for a string cell. It is shown as typed: only a value the importer would change (one that
 * itself starts with an apostrophe before `=`, `+`, `-`, `@` or another apostrophe) gets one more
 * apostrophe, so that export → import stays exact.
 */
export function xlsxText(text: string): string {
  return unescapeCell(text) === text ? text : `'${text}`;
}

/**
 * Excel dates have no zone: the wall-clock time in Asia/Shanghai, as the importer reads them back.
 * A value with milliseconds stays text (Excel shows seconds; the round trip would lose them).
 */
function excelDateTime(value: string): Date | undefined {
  const epochMs = Date.parse(value);
  if (Number.isNaN(epochMs) || epochMs % 1000 !== 0) return undefined;
  const p = instantToZoned(epochMs, DEFAULT_TIME_ZONE);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

function moneyFormat(field: FieldDef): string {
  const scale = typeof field.scale === 'number' ? field.scale : 2;
  return scale > 0 ? `#,##0.${'0'.repeat(scale)}` : '#,##0';
}
