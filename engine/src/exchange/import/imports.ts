import type { ImportView } from '@forecourt/schemas/api';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../accounts/actor';
import type { Database, Executor, ImportStatus, ImportsTable } from '../../db/schema';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../errors';
import { writeContext } from '../../records/context';
import type { ColumnMapping } from './mapping';
import { commitImport, dryRunImport, type ImportOutcome, type ImportPlan } from './process';
import type { SheetFormat } from './read-sheet';
import { ImportChunkError } from './run';

export type ImportMode = 'dryRun' | 'commit';

/** An import as the client polls it. */
/** An import as the API shows it (schemas/src/api/imports.ts). */
export type { ImportView };

/**
 * Why an import ended `failed`: `import_commit_refused` (rows refused, see problems),
 * `import_commit_error` (the database refused rows fromRow–toRow), `import_refused` (the file or form
 * as a whole: too many rows, the form changed; `message` says which), `import_internal_error`.
 */
export interface ImportFailureReason {
  code: 'import_commit_refused' | 'import_commit_error' | 'import_refused' | 'import_internal_error';
  params: Record<string, string | number>;
}

interface Report extends Partial<Omit<ImportOutcome, 'errorCount' | 'rolledBack'>> {
  message?: string;
  reason?: ImportFailureReason;
  headers?: string[];
  headerRow?: number;
}

function importView(row: Selectable<ImportsTable>): ImportView {
  const report = (row.report ?? {}) as Report;
  return {
    id: row.id,
    formId: row.form_id,
    status: row.status,
    mode: row.mode,
    fileName: row.file_name,
    format: row.format,
    mapping: row.mapping,
    headers: report.headers ?? [],
    headerRow: report.headerRow ?? 1,
    upsertBy: row.upsert_by,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    errorCount: row.error_count,
    badRows: report.badRows ?? 0,
    created: report.created ?? 0,
    updated: report.updated ?? 0,
    unchanged: report.unchanged ?? 0,
    problems: report.problems ?? [],
    message: report.message ?? null,
    reason: report.reason ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface NewImport {
  id: string;
  formId: string;
  fileName: string;
  format: SheetFormat;
  mapping: ColumnMapping;
  headers: string[];
  headerRow: number;
  upsertBy: string | null;
  mode: ImportMode;
  totalRows: number;
}

export async function createImport(db: Executor, actor: Actor, input: NewImport): Promise<ImportView> {
  const row = await db
    .insertInto('imports')
    .values({
      id: input.id,
      workspace_id: actor.workspaceId,
      form_id: input.formId,
      created_by: actor.userId,
      mode: input.mode,
      file_name: input.fileName,
      format: input.format,
      mapping: JSON.stringify(input.mapping),
      upsert_by: input.upsertBy,
      total_rows: input.totalRows,
      report: JSON.stringify({ headers: input.headers, headerRow: input.headerRow }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return importView(row);
}

/** An import, for the person who started it (and admins): its report names other people's data. */
export async function getImport(db: Executor, actor: Actor, importId: string): Promise<ImportView> {
  let query = db
    .selectFrom('imports')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', importId);
  if (!actor.isAdmin || actor.scopes) query = query.where('created_by', '=', actor.userId);
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFoundError('The import');
  return importView(row);
}

/** Queues the commit of a dry-run file: only after the dry run finished without a problem. */
export async function requestImportCommit(db: Executor, actor: Actor, importId: string): Promise<ImportView> {
  const current = await getImport(db, actor, importId);
  if (current.status !== 'dry_run_done') {
    throw new ConflictError(
      `The import is ${current.status.replaceAll('_', ' ')}; only a finished dry run can be committed.`,
    );
  }
  if (current.errorCount > 0) {
    throw new ValidationError('The dry run found problems: fix the file and upload it again.', [
      { path: '/', message: `${current.errorCount} problem(s) in ${current.badRows} row(s).` },
    ]);
  }
  const row = await db
    .updateTable('imports')
    .set({ status: 'pending', mode: 'commit', processed_rows: 0, updated_at: new Date() })
    .where('id', '=', importId)
    .where('status', '=', 'dry_run_done') // two commit clicks: the second finds it pending and is refused
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ConflictError('The import is already being committed.');
  return importView(row);
}

export interface RunOptions {
  /** Where the uploaded file is. */
  path: string;
  /**
   * Whether progress may be written while the commit's transaction is open. Not on PGlite: its one
   * connection is held by that transaction, so the progress write would wait for the very transaction
   * it reports on. There the count jumps from 0 to the total when the commit ends.
   */
  progressDuringCommit: boolean;
  log?: (error: unknown) => void;
}

/** The job: the dry run or the commit the import row asks for, recording progress and the report. */
export async function runImport(
  db: Kysely<Database>,
  actor: Actor,
  importId: string,
  options: RunOptions,
): Promise<ImportView> {
  const current = await getImport(db, actor, importId);
  await update(db, importId, { status: 'running', processed_rows: 0 });
  const plan: ImportPlan = {
    formId: current.formId,
    path: options.path,
    format: current.format,
    mapping: current.mapping,
    upsertBy: current.upsertBy,
    headerRow: current.headerRow,
  };
  const context = writeContext(actor, 'import');
  const dryRun = current.mode === 'dryRun';
  const progress = async (processed: number) => {
    if (dryRun || options.progressDuringCommit) await update(db, importId, { processed_rows: processed });
  };
  try {
    const outcome = dryRun
      ? await dryRunImport(db, context, plan, progress)
      : await commitImport(db, context, plan, progress);
    const { errorCount, rolledBack, ...report } = outcome;
    // A rolled-back commit is never `done`, whatever the counts say.
    const failed = !dryRun && (rolledBack || errorCount > 0);
    const failure: Pick<Report, 'message' | 'reason'> = failed
      ? {
          message: `${errorCount} problem(s) in ${report.badRows} row(s) stopped the commit; nothing was imported.`,
          reason: { code: 'import_commit_refused', params: { errorCount, badRows: report.badRows } },
        }
      : {};
    await update(db, importId, {
      status: dryRun ? 'dry_run_done' : failed ? 'failed' : 'done',
      processed_rows: current.totalRows,
      error_count: errorCount,
      report: JSON.stringify({
        ...report,
        ...failure,
        headers: current.headers,
        headerRow: current.headerRow,
      }),
    });
  } catch (error) {
    // The file's fault (too many rows, the form no longer published) is told; anything else is ours.
    if (!(error instanceof DomainError)) options.log?.(error);
    await update(db, importId, {
      status: 'failed',
      report: JSON.stringify({ ...failureOf(error), headers: current.headers, headerRow: current.headerRow }),
    });
  }
  return getImport(db, actor, importId);
}

function failureOf(error: unknown): Pick<Report, 'message' | 'reason'> {
  if (error instanceof DomainError) {
    return { message: error.message, reason: { code: 'import_refused', params: { code: error.code } } };
  }
  if (error instanceof ImportChunkError) {
    const { fromRow, toRow } = error;
    return {
      message: `The database refused rows ${fromRow}–${toRow}; nothing was imported. The error has been logged.`,
      reason: { code: 'import_commit_error', params: { fromRow, toRow } },
    };
  }
  return {
    message: 'The import failed on our side. The error has been logged.',
    reason: { code: 'import_internal_error', params: {} },
  };
}

type ImportChange = Partial<{
  status: ImportStatus;
  processed_rows: number;
  error_count: number;
  report: string;
}>;

async function update(db: Executor, importId: string, change: ImportChange): Promise<void> {
  await db
    .updateTable('imports')
    .set({ ...change, updated_at: new Date() })
    .where('id', '=', importId)
    .execute();
}
