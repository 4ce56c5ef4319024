import { readFile } from 'node:fs/promises';
import { numberToPlainText } from '@forecourt/schemas';
import type ExcelJS from 'exceljs';
import { excel } from '../excel';
import { unescapeCell } from '../export/formula-escape';
import { decodeCsv, parseCsv } from './csv';
import { streamingWorkbook } from './xlsx-reader';
import { streamable, zipEntryOrder } from './zip-entries';

export type SheetFormat = 'xlsx' | 'csv';

/** One data row: its number as the spreadsheet shows it (the header is row 1) and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** The xlsx container is a zip; the old binary .xls (an OLE2 file) is refused with a hint. */
export function sheetFormatOf(head: Uint8Array): SheetFormat | 'xls' {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xls';
  return 'csv';
}

/**
 * The rows of the file's first worksheet (or of the CSV), as text, the first non-blank row being the
 * header. Blank rows are skipped but keep their numbers, so a reported row is the one people see.
 * Cells come back with our formula-injection escape removed. Each call reads the file afresh; an xlsx
 * is streamed, never held whole in memory.
 */
export async function* readSheet(path: string, format: SheetFormat): AsyncGenerator<SheetRow> {
  const rows = format === 'xlsx' ? xlsxRows(path) : csvRows(path);
  for await (const row of rows) {
    const cells = row.cells.map((cell) => unescapeCell(cell.trim()));
    if (cells.some((cell) => cell !== '')) yield { row: row.row, cells };
  }
}

/** Which row names the columns: a row number as the spreadsheet shows it, else the first that `matches`. */
export interface HeaderChoice {
  row?: number | null;
  /** Whether a row's cells name fields (auto-detection); without it, the first non-blank row. */
  matches?(cells: string[]): boolean;
}

/** Auto-detection looks this far down for a row naming fields (title rows, notes above the header). */
const HEADER_SEARCH_ROWS = 20;

/**
 * The header and how many data rows follow, stopping once past `limit`. The header is the row asked
 * for, else the first of the first 20 non-blank rows whose cells name fields (so a merged title row
 * above it is passed over), else the first non-blank row. Rows above the header are not data.
 */
export async function sheetOutline(
  path: string,
  format: SheetFormat,
  limit: number,
  choice: HeaderChoice = {},
): Promise<{ headers: string[]; headerRow: number; rows: number }> {
  const seen: SheetRow[] = [];
  let header: SheetRow | undefined;
  let rows = 0;
  for await (const row of readSheet(path, format)) {
    if (header) {
      if (++rows > limit) break;
      continue;
    }
    if (choice.row) {
      if (row.row === choice.row) header = row;
      else if (row.row > choice.row) break;
      continue;
    }
    seen.push(row);
    if (choice.matches?.(row.cells)) header = row;
    else if (!choice.matches || seen.length >= HEADER_SEARCH_ROWS) {
      header = seen[0]!;
      rows = seen.length - 1;
    }
  }
  if (!header && !choice.row && seen.length) {
    header = seen[0]!;
    rows = seen.length - 1;
  }
  return { headers: header?.cells ?? [], headerRow: header?.row ?? 0, rows };
}

async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  // Whole-file decoding: the encoding can only be told from the bytes, and the upload limit keeps it small.
  const text = decodeCsv(await readFile(path));
  let row = 0;
  for (const cells of parseCsv(text)) yield { row: ++row, cells };
}

async function* xlsxRows(path: string): AsyncGenerator<SheetRow> {
  if (!streamable(await zipEntryOrder(path))) {
    yield* await bufferedXlsxRows(path);
    return;
  }
  let yielded = false;
  try {
    for await (const row of streamedXlsxRows(path)) {
      yielded = true;
      yield row;
    }
  } catch (error) {
    // The streaming reader trips over some writers' workbooks before the first row (SheetJS: "reading
    // 'sheets'"); the ordinary reader takes them. A failure mid-way is the file's: it is reported.
    if (yielded) throw error;
    let rows: SheetRow[];
    try {
      rows = await bufferedXlsxRows(path);
    } catch {
      throw error;
    }
    yield* rows;
  }
}

async function* streamedXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const workbook = await streamingWorkbook(path);
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      yield { row: row.number, cells };
    }
    return; // the first worksheet only: that is the one people fill in
  }
}

/**
 * A workbook the streaming reader cannot take (parts in an order it trips over, as SheetJS may write
 * them), read whole with exceljs's ordinary reader. The upload limit (50 MB) bounds what this holds in memory; such files
 * come from scripts and web exports and are small in practice.
 */
async function bufferedXlsxRows(path: string): Promise<SheetRow[]> {
  const { Workbook } = await excel();
  const workbook = new Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    rows.push({ row: row.number, cells });
  });
  return rows;
}

/** A cell as text: numbers without float noise, dates as ISO text in Asia/Shanghai, formulas by their result. */
export function cellText(value: ExcelJS.CellValue | unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => String(part.text ?? '')).join('');
    if ('formula' in cell || 'sharedFormula' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    // An error such as #N/A is kept as text, so the field's conversion reports it.
    if ('error' in cell) return String(cell.error);
  }
  return String(value);
}

/** Excel keeps 15 significant digits; beyond them a double only adds noise (0.1 + 0.2 → 0.3). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return numberToPlainText(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
}

/**
 * Excel dates have no zone: exceljs hands the wall-clock time over as if it were UTC. Read as that
 * wall-clock time in Asia/Shanghai (China has no daylight saving): a date alone for midnight, else
 * date and time to the second with the +08:00 offset.
 */
function dateText(date: Date): string {
  const ms = Math.round(date.getTime() / 1000) * 1000;
  if (Number.isNaN(ms)) return '';
  const iso = new Date(ms).toISOString();
  return ms % 86_400_000 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 19)}+08:00`;
}
