/**
 * The record query language (a JSON document, as sent to POST /api/forms/:formId/records/query
 * and stored in saved views and permission sets). Conditions name field ids, or the record's own
 * columns by their `_`-names below. Shared by the engine, which compiles it into one SQL statement
 * scoped to the workspace and form, and the web app's filter builder.
 */
import type { Operator } from './operators';

/** The record's own columns, usable like fields in filters and sorts. */
export const SYSTEM_COLUMNS = [
  '_id',
  '_created_at',
  '_updated_at',
  '_created_by',
  '_updated_by',
  '_owner',
  '_department',
  '_flow_state',
] as const;
export type SystemColumn = (typeof SYSTEM_COLUMNS)[number];

export function isSystemColumn(id: unknown): id is SystemColumn {
  return (SYSTEM_COLUMNS as readonly unknown[]).includes(id);
}

export interface FieldCondition {
  field: string;
  op: Operator;
  value?: unknown;
}

/** A condition on the rows of a table (subform) field: some row matches all of `where`. */
export interface RowCondition {
  rows: string;
  where: Condition;
}

/** A condition on the records a relation points to: some related record matches `where` (a query of the target form). */
export interface RelatedCondition {
  related: string;
  where: Condition;
}

export type Condition =
  | FieldCondition
  | RowCondition
  | RelatedCondition
  | { and: Condition[] }
  | { or: Condition[] };

export interface SortKey {
  field: string;
  dir?: 'asc' | 'desc';
}

export interface RecordQuery {
  filter?: Condition;
  /** Several keys; the record id always ends the key so that pages are stable. Default: newest first. */
  sort?: SortKey[];
  /** Full-text contains over the form's text fields (trigram-indexed). */
  search?: string;
  /** 1–100, default 50. */
  limit?: number;
  /** The `next` of the previous page: keyset paging, so a deep page costs what the first does. */
  cursor?: string;
  /** Ask for a count, capped at 10,000 (`capped: true` beyond). */
  count?: boolean;
}
