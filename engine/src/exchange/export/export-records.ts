import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { RecordQuery } from '@forecourt/schemas';
import { formAccess } from '../../access/form-access';
import type { Actor } from '../../accounts/actor';
import { audit } from '../../audit/audit';
import type { Executor } from '../../db/schema';
import { queryRecords } from '../../records/query';
import type { RecordView } from '../../records/service';
import { excel } from '../excel';
import { csvLine } from '../import/csv';
import { type ExportColumn, exportColumns, valueText } from './columns';
import { escapeCell } from './formula-escape';
import { xlsxCell, xlsxText } from './xlsx-cells';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportOptions {
  /** Which records, in which order. */
  query?: RecordQuery;
  /** Field ids, in order; default: every visible field that holds a value. */
  columns?: string[];
  format: ExportFormat;
}

/** What an export will write, decided before the first byte so that a bad request still gets a JSON error. */
export interface ExportPlan {
  formId: string;
  format: ExportFormat;
  /** Which records, in which order (filter, sort, search); all, newest first, when empty. */
  query: RecordQuery;
  columns: ExportColumn[];
  /** `配件-20261128.xlsx`: the form's Chinese title and the day (Asia/Shanghai). */
  fileName: string;
  sheetName: string;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export async function planExport(
  db: Executor,
  actor: Actor,
  formId: string,
  options: ExportOptions,
): Promise<ExportPlan> {
  const access = await formAccess(db, actor, formId);
  access.require('export');
  // Only fields shown on every exported row: a column is all or nothing. Others are "not in the form".
  const definition = { ...access.definition, fields: access.fieldsIn(access.common('export')) };
  const query: RecordQuery = { ...(options.query ?? {}) };
  delete query.cursor;
  delete query.count;
  // Run the first page now: a bad query must fail as JSON before the download begins.
  await queryRecords(db, actor, formId, { ...query, limit: 1 }, { access, action: 'export' });
  const columns = exportColumns(definition, options.columns);
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const title = definition.title.zh.trim() || formId;
  return {
    formId,
    format: options.format,
    query,
    columns,
    fileName: `${title}-${day}.${options.format}`,
    // Excel refuses these characters in sheet names and more than 31 characters.
    sheetName: title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31),
  };
}

/** Streams the records into `output` as xlsx or CSV; resolves with the number of records written. */
export async function exportRecords(
  db: Executor,
  actor: Actor,
  formId: string,
  options: ExportOptions,
  output: Writable,
): Promise<{ rows: number }> {
  return writeExport(db, actor, await planExport(db, actor, formId, options), output);
}

export async function writeExport(
  db: Executor,
  actor: Actor,
  plan: ExportPlan,
  output: Writable,
): Promise<{ rows: number }> {
  const access = await formAccess(db, actor, plan.formId);
  await audit(db, actor, {
    action: 'records.export',
    targetType: 'form',
    targetId: plan.formId,
    details: { format: plan.format, query: plan.query, columns: plan.columns.map((c) => c.field.id) },
  });
  const sink = plan.format === 'xlsx' ? await xlsxSink(plan, output) : csvSink(plan, output);
  let rows = 0;
  let cursor: string | undefined;
  do {
    const page = await queryRecords(
      db,
      actor,
      plan.formId,
      { ...plan.query, limit: 100, ...(cursor ? { cursor } : {}) },
      { access, action: 'export' },
    );
    await sink.write(page.records);
    rows += page.records.length;
    cursor = page.next ?? undefined;
  } while (cursor);
  await sink.end();
  return { rows };
}

interface Sink {
  write(records: RecordView[]): Promise<void>;
  end(): Promise<void>;
}

/** UTF-8 with a byte order mark (without it Excel reads Chinese as GBK), CRLF lines, every cell escaped. */
function csvSink(plan: ExportPlan, output: Writable): Sink {
  const put = async (text: string) => {
    if (!output.write(text)) await once(output, 'drain');
  };
  let started = false;
  return {
    async write(records) {
      let text = started ? '' : `\ufeff${csvLine(plan.columns.map((c) => escapeCell(c.header)))}`;
      started = true;
      for (const record of records) {
        text += csvLine(plan.columns.map(({ field }) => escapeCell(valueText(record, field))));
      }
      await put(text);
    },
    async end() {
      if (!started) await put(`\ufeff${csvLine(plan.columns.map((c) => escapeCell(c.header)))}`);
      await new Promise<void>((resolve, reject) =>
        output.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/**
 * Streamed xlsx, one header row (frozen). Numbers, amounts and dates are typed cells (see
 * xlsx-cells.ts); everything else is a string cell, never a formula.
 */
async function xlsxSink(plan: ExportPlan, output: Writable): Promise<Sink> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(plan.sheetName || 'Sheet1', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = plan.columns.map(({ header, field }) => ({
    width: Math.min(40, Math.max(10, header.length * 2 + 2, field.type === 'datetime' ? 22 : 0)),
  }));
  const header = sheet.addRow(plan.columns.map((c) => xlsxText(c.header)));
  header.font = { bold: true };
  header.commit();
  return {
    async write(records) {
      for (const record of records) {
        const cells = plan.columns.map(({ field }) => xlsxCell(record, field));
        const row = sheet.addRow(cells.map((cell) => cell.value));
        cells.forEach((cell, i) => {
          if (cell.numFmt) row.getCell(i + 1).numFmt = cell.numFmt;
        });
        row.commit();
      }
      // Let the zip stream drain into the output between pages.
      await new Promise((resolve) => setImmediate(resolve));
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
