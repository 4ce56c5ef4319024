import { sql } from 'kysely';
import type { Executor } from '../../db/schema';
import { DomainError, ValidationError } from '../../errors';
import { formVersion } from '../../forms/forms';
import { type FormVersion, fieldContext, type WriteContext } from '../../records/context';
import { type PipelineItem, prepareRecords } from '../../records/pipeline';
import { createRecords, updateRecord } from '../../records/service';
import { type ConvertedRow, convertRow, type MappedColumn, mappedColumns, withoutEmpty } from './convert';
import type { ColumnMapping } from './mapping';
import { type ImportProblem, ProblemList, splitBatchPath } from './problems';
import { readSheet, type SheetFormat, type SheetRow } from './read-sheet';

export const MAX_IMPORT_ROWS = 100_000;

/** What to import: the stored file, read with this mapping (checked by `resolveMapping`). */
export interface ImportPlan {
  formId: string;
  path: string;
  format: SheetFormat;
  mapping: ColumnMapping;
  /** A unique field: rows whose value a live record has update it; the others create records. */
  upsertBy?: string | null;
  /** The row naming the columns (as the spreadsheet numbers it); rows above it are not data. Default: the first. */
  headerRow?: number | null;
}

export interface ImportOutcome {
  /** The first 1,000 problems. */
  problems: ImportProblem[];
  errorCount: number;
  badRows: number;
  /** Records created and updated (a dry run: that would be); rows equal to their record are left alone. */
  created: number;
  updated: number;
  unchanged: number;
  /** A commit that wrote nothing: a row was refused (the problems say which and why). */
  rolledBack: boolean;
}

export type ProgressListener = (processedRows: number) => Promise<void> | void;

type Data = Record<string, unknown>;

export interface RowItem {
  converted: ConvertedRow;
  existing?: { id: string; rev: number; data: Data };
  /** Left out of the pipeline: it repeats a unique value of an earlier row. */
  excluded?: boolean;
}

/** One pass over an import file: reading, converting, checking and (for a commit) writing it chunk by chunk. */
export class ImportRun {
  readonly problems = new ProblemList();
  created = 0;
  updated = 0;
  unchanged = 0;
  failed = false;
  #columns: MappedColumn[] = [];
  #headers = new Map<string, string>();
  /** Per unique mapped field: value (as JSON) → the row that had it first. */
  #seen = new Map<string, Map<string, number>>();

  private constructor(
    readonly context: WriteContext,
    readonly form: FormVersion,
    readonly plan: ImportPlan,
  ) {}

  static async open(db: Executor, context: WriteContext, plan: ImportPlan): Promise<ImportRun> {
    const { version, definition } = await formVersion(db, context.actor.workspaceId, plan.formId);
    return new ImportRun(context, { formId: plan.formId, version, definition }, plan);
  }

  /** The data rows in chunks, after the header; reports progress after each chunk is handled. */
  async *chunks(size: number, onProgress: ProgressListener): AsyncGenerator<SheetRow[]> {
    let chunk: SheetRow[] = [];
    let processed = 0;
    let header = true;
    const headerRow = this.plan.headerRow ?? 0;
    for await (const row of readSheet(this.plan.path, this.plan.format)) {
      if (row.row < headerRow) continue; // a title or notes above the header
      if (header) {
        this.#useHeader(row.cells);
        header = false;
      } else if (chunk.push(row) >= size) {
        yield chunk;
        processed += chunk.length;
        chunk = [];
        await onProgress(processed);
      }
      if (processed + chunk.length > MAX_IMPORT_ROWS) {
        throw new ValidationError(`A file holds at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows.`);
      }
    }
    if (chunk.length) {
      yield chunk;
      await onProgress(processed + chunk.length);
    }
  }

  #useHeader(headers: string[]): void {
    this.#columns = mappedColumns(this.form.definition, headers, this.plan.mapping);
    for (const { header, field } of this.#columns) this.#headers.set(field.id, header);
    for (const { field } of this.#columns) if (field.unique) this.#seen.set(field.id, new Map());
  }

  /** Converts the rows, finds repeated unique values, and for an upsert the records rows update. */
  async itemsOf(db: Executor, rows: SheetRow[]): Promise<RowItem[]> {
    const context = fieldContext(this.context);
    const items: RowItem[] = rows.map((row) => ({
      converted: convertRow(this.#columns, row, context, this.problems),
    }));
    for (const item of items) {
      for (const [fieldId, seen] of this.#seen) {
        const value = item.converted.input[fieldId];
        if (value === null || value === undefined) continue;
        const key = JSON.stringify(value);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, item.converted.row);
        else {
          item.excluded = true;
          this.problems.add({
            row: item.converted.row,
            column: this.#headers.get(fieldId) ?? null,
            field: fieldId,
            message: `This value must be unique: row ${first} has it already.`,
          });
        }
      }
    }
    const upsertBy = this.plan.upsertBy;
    if (!upsertBy) return items;
    const keyOf = (item: RowItem) => JSON.stringify(item.converted.input[upsertBy] ?? null);
    const keys = items.filter((i) => !i.excluded && keyOf(i) !== 'null').map(keyOf);
    const existing = keys.length
      ? await db
          .selectFrom('records')
          .select(['id', 'rev', 'data'])
          .where('workspace_id', '=', this.context.actor.workspaceId)
          .where('form_id', '=', this.plan.formId)
          .where('deleted_at', 'is', null)
          .where(sql<boolean>`data -> ${upsertBy} = any(${keys}::jsonb[])`)
          .execute()
      : [];
    const byKey = new Map(existing.map((r) => [JSON.stringify(r.data[upsertBy]), r]));
    return items.filter((item) => {
      const record = item.excluded ? undefined : byKey.get(keyOf(item));
      if (!record) return true;
      if (unchanged(item.converted.input, record.data) && item.converted.badFields.size === 0) {
        this.unchanged++;
        return false; // nothing to write: no new revision, no history noise
      }
      item.existing = record;
      return true;
    });
  }

  /**
   * The pipeline over the items, naming every bad row: a first pass finds the rows' own problems;
   * uniqueness is only checked for a batch without them, so a second pass checks the remaining rows.
   * Returns the row numbers found bad.
   */
  async validate(db: Executor, items: RowItem[]): Promise<Set<number>> {
    const bad = new Set(items.filter((i) => i.converted.badFields.size).map((i) => i.converted.row));
    let candidates = items.filter((item) => !item.excluded);
    for (let pass = 0; pass < 2 && candidates.length; pass++) {
      const found = await this.#issues(db, candidates);
      if (!found.length) break;
      for (const row of found) bad.add(row);
      candidates = candidates.filter((item) => !bad.has(item.converted.row));
    }
    return bad;
  }

  async #issues(db: Executor, items: RowItem[]): Promise<number[]> {
    const pipelineItems: PipelineItem[] = items.map(({ converted, existing }) =>
      existing
        ? { input: converted.input, existing: { id: existing.id, data: existing.data } }
        : { input: withoutEmpty(converted.input) },
    );
    try {
      await prepareRecords(db, this.context, this.form, pipelineItems, (i) => `/${i}`);
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return this.#report(items, error);
    }
  }

  /** Adds a pipeline error's issues to the report, skipping cells already reported as not converting. */
  #report(items: RowItem[], error: ValidationError): number[] {
    const rows: number[] = [];
    for (const detail of error.details) {
      const split = splitBatchPath(detail);
      const item = split ? items[split.index] : items.length === 1 ? items[0] : undefined;
      if (!item) throw error; // not an issue of a row: our own mistake, not the file's
      const issue = split?.issue ?? detail;
      const field = issue.path.split('/')[1] ?? '';
      rows.push(item.converted.row);
      if (item.converted.badFields.has(field)) continue;
      this.problems.addIssue(item.converted.row, issue, (id) => this.#headers.get(id) ?? null);
    }
    return rows;
  }

  count(items: RowItem[]): void {
    for (const item of items) {
      if (item.existing) this.updated++;
      else this.created++;
    }
  }

  /**
   * One commit chunk: written while the file is clean so far, else only checked. The chunk's writes
   * run under a savepoint, so a row refused half-way leaves nothing of the chunk behind for the
   * re-check to trip over (its own inserts would look like "another record has this value").
   */
  async write(trx: Executor, rows: SheetRow[]): Promise<void> {
    const items = await this.itemsOf(trx, rows);
    const clean = items.every((i) => !i.excluded && i.converted.badFields.size === 0);
    if (this.failed || !clean) {
      this.failed = true;
      await this.validate(trx, items);
      return;
    }
    let refusal: Refusal | undefined;
    try {
      await underSavepoint(trx, async () => {
        refusal = await this.#writeItems(trx, items);
        if (refusal) throw REFUSED;
      });
    } catch (error) {
      if (error === REFUSED) return this.#recheck(trx, refusal!);
      const [first, last] = [rows[0]?.row ?? 0, rows[rows.length - 1]?.row ?? 0];
      throw new ImportChunkError(first, last, error);
    }
  }

  /** Creates, then updates; returns what refused a row instead of throwing, so the savepoint rolls back. */
  async #writeItems(trx: Executor, items: RowItem[]): Promise<Refusal | undefined> {
    const creates = items.filter((item) => !item.existing);
    try {
      if (creates.length) {
        const inputs = creates.map((item) => withoutEmpty(item.converted.input));
        await createRecords(trx, this.context, this.plan.formId, inputs);
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { error, refused: creates, recheck: items };
    }
    const updates = items.filter((item) => item.existing);
    for (const [index, item] of updates.entries()) {
      const { id, rev } = item.existing!;
      try {
        await updateRecord(trx, this.context, this.plan.formId, id, { rev, data: item.converted.input });
      } catch (error) {
        if (!(error instanceof DomainError) || !['validation_failed', 'conflict'].includes(error.code))
          throw error;
        // A conflict is the row's own problem and is not reproduced by a check: only the rest are checked.
        const rest = error.code === 'conflict' ? updates.slice(index + 1) : updates.slice(index);
        return { error, refused: [item], recheck: rest };
      }
    }
    this.created += creates.length;
    this.updated += updates.length;
    return undefined;
  }

  /**
   * After a refused write: the chunk is checked again so the report names every bad row. When the
   * check finds nothing (the cause lies outside the pipeline's checks: a linked record deleted since
   * the dry run, a formula that timed out) the write's own error is reported, so a rolled-back
   * commit always has at least one problem.
   */
  async #recheck(trx: Executor, { error, refused, recheck }: Refusal): Promise<void> {
    this.failed = true;
    const before = this.problems.count;
    if (error.code === 'conflict') {
      this.problems.add({
        row: refused[0]!.converted.row,
        column: null,
        field: null,
        message: error.message,
      });
    }
    await this.validate(trx, recheck);
    if (this.problems.count > before) return;
    try {
      this.#report(refused, error as ValidationError);
    } catch {
      const row = refused[0]?.converted.row ?? 0;
      this.problems.add({ row, column: null, field: null, message: error.message });
    }
  }

  outcome(): ImportOutcome {
    return {
      problems: this.problems.reported,
      errorCount: this.problems.count,
      badRows: this.problems.badRows.size,
      created: this.created,
      updated: this.updated,
      unchanged: this.unchanged,
      rolledBack: this.failed,
    };
  }
}

/** What refused a row of a chunk: the rows of the refused call, and those to check again. */
interface Refusal {
  error: DomainError;
  refused: RowItem[];
  recheck: RowItem[];
}

const REFUSED = Symbol('refused');

/**
 * The database refused a chunk of a commit (a constraint, a lost connection, a serialization
 * failure): not the file's fault, but the person needs to know which rows were being written.
 */
export class ImportChunkError extends Error {
  constructor(
    readonly fromRow: number,
    readonly toRow: number,
    cause: unknown,
  ) {
    super(`The database refused rows ${fromRow}–${toRow} of the import`, { cause });
    this.name = 'ImportChunkError';
  }
}

/** Runs `work` under a savepoint of the open transaction: a throw undoes only `work`'s writes. */
async function underSavepoint(trx: Executor, work: () => Promise<void>): Promise<void> {
  await sql`savepoint import_chunk`.execute(trx);
  try {
    await work();
  } catch (error) {
    await sql`rollback to savepoint import_chunk`.execute(trx);
    throw error;
  }
  await sql`release savepoint import_chunk`.execute(trx);
}

/** Whether the row would change nothing: every mapped value equals the stored one. */
function unchanged(input: Data, stored: Data): boolean {
  return Object.entries(input).every(([id, value]) => canonical(value) === canonical(stored[id] ?? null));
}

/** JSON with object keys sorted: jsonb returns keys in its own order, so table rows compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
