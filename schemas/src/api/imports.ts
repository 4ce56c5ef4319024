import { type Static, Type } from 'typebox';
import { DateTime, Nullable } from './common';

/** `POST …/imports` and `…/commit`: the import is queued. */
export const ImportAccepted = Type.Object(
  { importId: Type.String() },
  { description: 'Accepted: poll GET /api/imports/{importId}' },
);
const Count = (description: string) => Type.Integer({ minimum: 0, description });

/** `GET /api/imports/:importId`: an import's progress, its report and its problems. */
export const ImportView = Type.Object(
  {
    id: Type.String(),
    formId: Type.String(),
    status: Type.Union(
      [
        Type.Literal('pending'),
        Type.Literal('dry_run_done'),
        Type.Literal('running'),
        Type.Literal('done'),
        Type.Literal('failed'),
      ],
      { description: 'dry_run_done: checked, nothing written; done: committed; failed: nothing written' },
    ),
    mode: Type.Union([Type.Literal('dryRun'), Type.Literal('commit')]),
    fileName: Type.String(),
    format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]),
    mapping: Type.Record(Type.String(), Type.String(), { description: 'Column index (0-based) → field id' }),
    headers: Type.Array(Type.String(), { description: "The file's header row, by column index" }),
    headerRow: Type.Integer({
      minimum: 1,
      description: 'Which row that is, as the spreadsheet numbers it (rows above it are not data)',
    }),
    upsertBy: Nullable(Type.String()),
    totalRows: Count('Data rows in the file'),
    processedRows: Count('Rows handled so far; grows to totalRows'),
    errorCount: Count('Problems found, all of them'),
    badRows: Count('Rows with at least one problem'),
    created: Count('Records created (dry run: that would be)'),
    updated: Count('Records updated (dry run: that would be)'),
    unchanged: Count('Rows equal to the record they match (upsert): left alone'),
    problems: Type.Array(
      Type.Object({
        row: Type.Integer({ description: 'The row number the spreadsheet shows (header = 1)' }),
        column: Nullable(Type.String(), { description: 'The column header' }),
        field: Nullable(Type.String()),
        path: Type.Optional(Type.String({ description: 'Inside a table field: /f_parts/1/f_qty' })),
        message: Type.String(),
      }),
      { description: 'The first 1,000 problems' },
    ),
    message: Nullable(Type.String(), { description: 'Why the import failed as a whole' }),
    reason: Type.Union(
      [
        Type.Object({
          code: Type.Union([
            Type.Literal('import_commit_refused'),
            Type.Literal('import_commit_error'),
            Type.Literal('import_refused'),
            Type.Literal('import_internal_error'),
          ]),
          params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
        }),
        Type.Null(),
      ],
      {
        description:
          'Why a failed import failed, as a stable code and parameters: import_commit_refused ' +
          '{ errorCount, badRows } (see problems), import_commit_error { fromRow, toRow } (the database ' +
          'refused a chunk), import_refused { code } (the file or form as a whole), import_internal_error',
      },
    ),
    createdAt: DateTime(),
    updatedAt: DateTime(),
  },
  { title: 'Import' },
);
export type ImportView = Static<typeof ImportView>;
export type ImportAccepted = Static<typeof ImportAccepted>;
