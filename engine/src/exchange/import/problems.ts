import type { ErrorDetail } from '../../errors';

/** One bad cell (or row) of an import, as people find it in their spreadsheet. */
export interface ImportProblem {
  /** The row number the spreadsheet shows (the header is row 1). */
  row: number;
  /** The column's header, or null when the problem is not in a mapped column (a required field left out). */
  column: string | null;
  /** The field id, or null for the row as a whole. */
  field: string | null;
  /** Where inside the record, when deeper than the field: `/f_parts/1/f_qty`. */
  path?: string;
  message: string;
}

/** The report keeps the first problems; the count covers all of them. */
export const MAX_REPORTED_PROBLEMS = 1000;

/** Collects problems per row, keeping the first thousand for the report and counting the rest. */
export class ProblemList {
  readonly reported: ImportProblem[] = [];
  count = 0;
  readonly badRows = new Set<number>();

  add(problem: ImportProblem): void {
    this.count++;
    this.badRows.add(problem.row);
    if (this.reported.length < MAX_REPORTED_PROBLEMS) this.reported.push(problem);
  }

  /** The pipeline's issue for one row, its path (`/f_parts/1/f_qty`) relative to the record. */
  addIssue(row: number, issue: ErrorDetail, headerOf: (fieldId: string) => string | null): void {
    const [, field, rest] = issue.path.match(/^\/([^/]+)(\/.*)?$/) ?? [];
    this.add({
      row,
      column: field ? headerOf(field) : null,
      field: field ?? null,
      ...(rest ? { path: issue.path } : {}),
      message: issue.message,
    });
  }
}

/**
 * Splits a pipeline issue path into the index of the record in its batch and the path inside the
 * record: `/records/3/f_x` (createRecords) or `/3/f_x` (our own batches).
 */
export function splitBatchPath(issue: ErrorDetail): { index: number; issue: ErrorDetail } | undefined {
  const match = issue.path.match(/^\/(?:records\/)?(\d+)(\/.*)?$/);
  if (!match) return undefined;
  return { index: Number(match[1]), issue: { path: match[2] ?? '/', message: issue.message } };
}
