import type { SortKey as QuerySortKey } from '@forecourt/schemas';

/** The grid's one sort key (which fields sort: `isSortable` of `@forecourt/schemas`). */
export type SortKey = Required<QuerySortKey>;

/** The record's own creation time, sortable like a field: the server's default order, newest first. */
export const CREATED_AT = '_created_at';
