import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { formAccess } from '../../access/form-access';
import type { Actor } from '../../accounts/actor';
import type { Executor } from '../../db/schema';
import { DomainError, ValidationError } from '../../errors';
import { removeStoredFile, storedFilePath, writeStoredFile } from '../../files/storage';
import { safeFileName } from '../../files/upload';
import { newId } from '../../ids';
import { createImport, type ImportMode, type ImportView } from './imports';
import { type RequestedMapping, resolveMapping, suggestMapping } from './mapping';
import { MAX_IMPORT_ROWS } from './process';
import { type SheetFormat, sheetFormatOf, sheetOutline } from './read-sheet';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Far more columns than any form has fields; the header row is kept with the report. */
export const MAX_IMPORT_COLUMNS = 500;
export const MAX_HEADER_LENGTH = 200;

/** Uploaded import files wait in `<files>/imports/`, apart from record attachments. */
export function importFilePath(filesDir: string, importId: string): string {
  return storedFilePath(join(filesDir, 'imports'), importId);
}

export async function removeImportFile(filesDir: string, importId: string): Promise<void> {
  await removeStoredFile(join(filesDir, 'imports'), importId);
}

/**
 * Stores an uploaded spreadsheet with the 50 MB limit (413 beyond), telling xlsx from CSV by the
 * first bytes. The database is not touched: a slow upload holds no connection.
 */
export async function receiveImportFile(
  stream: Readable,
  filesDir: string,
): Promise<{ importId: string; format: SheetFormat }> {
  const importId = newId('imp');
  let format: SheetFormat = 'csv';
  await writeStoredFile(join(filesDir, 'imports'), importId, stream, {
    maxBytes: MAX_IMPORT_BYTES,
    tooLarge: () =>
      new DomainError('payload_too_large', 'The file is larger than 50 MB.', [
        { path: '/file', message: 'Split the file, or import at most 50 MB at a time.' },
      ]),
    headBytes: 8,
    inspectHead: async (head) => {
      const kind = sheetFormatOf(head);
      if (kind === 'xls') {
        throw new ValidationError('Old Excel files (.xls) cannot be imported.', [
          { path: '/file', message: 'Save it as an Excel workbook (.xlsx) or as CSV and upload that.' },
        ]);
      }
      format = kind;
    },
  });
  return { importId, format };
}

export interface ImportRequest {
  importId: string;
  format: SheetFormat;
  fileName: string | undefined;
  mapping?: RequestedMapping;
  upsertBy?: string | null;
  /** The row naming the columns, as the spreadsheet numbers it; default: found (see sheetOutline). */
  headerRow?: number | null;
  mode: ImportMode;
}

/**
 * Checks a received file before any work is queued: the form is published, the file has a header and
 * at most 100,000 rows (422 beyond), and the mapping and `upsertBy` are acceptable. The file is
 * removed when it is refused.
 */
export async function startImport(
  db: Executor,
  actor: Actor,
  formId: string,
  request: ImportRequest,
  filesDir: string,
): Promise<ImportView> {
  const path = importFilePath(filesDir, request.importId);
  try {
    const access = await formAccess(db, actor, formId);
    access.require('import');
    // Columns can only map to fields the user may fill by import.
    const definition = { ...access.definition, fields: access.fieldsIn(access.writableFor('import')) };
    const names = (cells: string[]) => Object.keys(suggestMapping(definition, cells)).length > 0;
    const outline = await sheetOutline(path, request.format, MAX_IMPORT_ROWS, {
      row: request.headerRow,
      matches: names,
    }).catch((error) => {
      throw unreadable(error);
    });
    if (request.headerRow && outline.headers.length === 0) {
      throw new ValidationError('The header row is empty.', [
        { path: '/headerRow', message: `Row ${request.headerRow} of the first sheet holds nothing.` },
      ]);
    }
    if (outline.headers.length === 0) {
      throw new ValidationError('The file is empty.', [
        { path: '/file', message: 'The first row must name the columns.' },
      ]);
    }
    // The header row is stored with the report and sent on every poll: a few bytes of shared strings in an
    // xlsx can spell thousands of long header cells, so the row is bounded before anything keeps it.
    while (outline.headers.length && outline.headers.at(-1) === '') outline.headers.pop();
    if (outline.headers.length > MAX_IMPORT_COLUMNS) {
      throw new ValidationError(`A file holds at most ${MAX_IMPORT_COLUMNS} columns.`, [
        { path: '/file', message: `The header row has ${outline.headers.length} columns.` },
      ]);
    }
    const long = outline.headers.findIndex((header) => header.length > MAX_HEADER_LENGTH);
    if (long >= 0) {
      throw new ValidationError(`A column name is at most ${MAX_HEADER_LENGTH} characters.`, [
        { path: '/file', message: `Column ${long + 1} of the header row is longer.` },
      ]);
    }
    if (outline.rows > MAX_IMPORT_ROWS) {
      throw new ValidationError(`A file holds at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows.`, [
        { path: '/file', message: 'Split the file and import the parts one after the other.' },
      ]);
    }
    const mapping = resolveMapping(definition, outline.headers, request.mapping, request.upsertBy);
    return await createImport(db, actor, {
      id: request.importId,
      formId,
      fileName: safeFileName(request.fileName),
      format: request.format,
      mapping,
      headers: outline.headers,
      headerRow: outline.headerRow,
      upsertBy: request.upsertBy ?? null,
      mode: request.mode,
      totalRows: outline.rows,
    });
  } catch (error) {
    await removeImportFile(filesDir, request.importId);
    throw error;
  }
}

/** Whatever the sheet reader chokes on (a broken zip, a renamed PDF) is the file's fault: 422, not 500. */
function unreadable(error: unknown): unknown {
  if (error instanceof DomainError || !(error instanceof Error)) return error;
  return new ValidationError('The file cannot be read as an Excel workbook or CSV.', [
    { path: '/file', message: error.message },
  ]);
}
