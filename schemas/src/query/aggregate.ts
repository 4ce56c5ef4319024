/**
 * The aggregate query (POST /api/forms/:formId/records/aggregate): records grouped by dimensions and
 * summarised by measures, over the rows a filter of the query language keeps. What may group and what
 * may be summarised comes from the field types' `groupBy` and `aggregates` traits, never from type names.
 */
import type { Aggregation, DateBucket, FieldDef } from '../fields/contract';
import type { FormDefinition } from '../fields/form-schema';
import { aggregatesOf, groupingsOf } from '../fields/grouping';
import { fieldTypes } from '../fields/registry';
import type { FieldTypeName } from '../fields/type-names';
import { type Condition, isSystemColumn, type SystemColumn } from './language';
import { queryIssues } from './validate';

export interface AggregateDimension {
  /** A field id, or one of the record's own columns (`_created_at`, `_owner`, …). */
  field: string;
  /** A date or time field grouped by calendar bucket, in the workspace time zone. */
  bucket?: DateBucket;
}

export interface AggregateMeasure {
  op: Aggregation;
  /** Needed by every op but `count`, which without a field counts records. */
  field?: string;
  /** The measure's key in the answer's rows; default `count`, or `<op>:<field>`. */
  as?: string;
}

export interface AggregateSort {
  /** A dimension's or measure's key. */
  by: string;
  dir?: 'asc' | 'desc';
}

export interface AggregateQuery {
  dimensions?: AggregateDimension[];
  measures: AggregateMeasure[];
  filter?: Condition;
  /** Default: by the dimensions, in their order. */
  sort?: AggregateSort[];
  /** 1–1000, default 1000; beyond it the answer says `truncated`. */
  limit?: number;
}

/** The answer: one row per group, keyed by the dimensions' and measures' keys. */
export interface AggregateResult {
  rows: Record<string, unknown>[];
  truncated: boolean;
}

export const MAX_AGGREGATE_ROWS = 1000;
export const MAX_DIMENSIONS = 3;
export const MAX_MEASURES = 10;
const AGGREGATIONS: readonly Aggregation[] = ['count', 'countDistinct', 'sum', 'avg', 'min', 'max'];
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The type whose traits a record column follows, as if a form listed it. `_id` neither groups nor is
 * summarised (counting records is `count` without a field).
 */
const COLUMN_TYPES: Record<SystemColumn, FieldTypeName | null> = {
  _id: null,
  _created_at: 'created_at',
  _updated_at: 'updated_at',
  _created_by: 'created_by',
  _updated_by: 'updated_by',
  _owner: 'member',
  _department: 'department',
  _flow_state: 'flow_state',
};

/** The key of a dimension in the answer's rows: its field id, with `:bucket` when bucketed. */
export function dimensionKey(dimension: AggregateDimension): string {
  return dimension.bucket ? `${dimension.field}:${dimension.bucket}` : dimension.field;
}

/** The key of a measure in the answer's rows. */
export function measureKey(measure: AggregateMeasure): string {
  return measure.as ?? (measure.field ? `${measure.op}:${measure.field}` : measure.op);
}

/** One thing wrong with an aggregate query: where, a stable code for clients that word it, and a message. */
export interface AggregateIssue {
  path: string;
  code: string;
  params?: Record<string, unknown>;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Everything wrong with an aggregate query against a form (as the user may see it: a field hidden from
 * them is "not a field here", as in lists), each at its JSON-pointer path. The filter is checked by
 * `queryIssues`, whose issues carry the code `aggregate.filter`.
 */
export function aggregateIssues(definition: FormDefinition, query: unknown): AggregateIssue[] {
  const issues: AggregateIssue[] = [];
  const issue = (path: string, code: string, message: string, params?: Record<string, unknown>) =>
    issues.push({ path: path || '/', code, message, ...(params ? { params } : {}) });
  if (!isObject(query)) {
    issue('', 'aggregate.not_object', 'An aggregate query is an object with dimensions and measures.');
    return issues;
  }
  for (const key of Object.keys(query))
    if (!['dimensions', 'measures', 'filter', 'sort', 'limit'].includes(key))
      issue(`/${key}`, 'aggregate.unknown_property', 'is not a known property of an aggregate query', {
        key,
      });
  const fields = new Map(definition.fields.map((f) => [f.id, f]));
  const fieldAt = (id: unknown, path: string): FieldDef | undefined => {
    if (typeof id !== 'string' || !id) {
      issue(path, 'aggregate.field_required', 'must be a field id');
      return undefined;
    }
    const field = isSystemColumn(id) ? columnField(id) : fields.get(id);
    if (!field || !fieldTypes.get(field.type)?.storesValue) {
      issue(path, 'aggregate.unknown_field', `${id} is not a field holding a value here`, { field: id });
      return undefined;
    }
    return field;
  };
  const keys = new Set<string>();
  const claim = (key: string, path: string) => {
    if (keys.has(key))
      issue(path, 'aggregate.duplicate_key', `${key} names two columns of the answer`, { key });
    keys.add(key);
  };

  const dimensions = query.dimensions ?? [];
  if (!Array.isArray(dimensions) || dimensions.length > MAX_DIMENSIONS)
    issue('/dimensions', 'aggregate.dimensions', `must be a list of at most ${MAX_DIMENSIONS} dimensions`, {
      max: MAX_DIMENSIONS,
    });
  else
    dimensions.forEach((dimension, i) => {
      const path = `/dimensions/${i}`;
      if (!isObject(dimension)) {
        issue(path, 'aggregate.dimension', 'must be { field, bucket }');
        return;
      }
      for (const k of Object.keys(dimension))
        if (k !== 'field' && k !== 'bucket')
          issue(`${path}/${k}`, 'aggregate.unknown_property', 'is not known here', { key: k });
      const field = fieldAt(dimension.field, `${path}/field`);
      const groupings = field ? groupingsOf(field) : undefined;
      const bucket = dimension.bucket;
      if (
        bucket !== undefined &&
        (typeof bucket !== 'string' || (groupings && !groupings.includes(bucket as DateBucket)))
      )
        issue(`${path}/bucket`, 'aggregate.bucket', 'does not apply to this field', {
          bucket,
          allowed: (groupings ?? []).filter((g) => g !== 'value'),
        });
      else if (bucket === undefined && groupings && !groupings.includes('value'))
        issue(
          `${path}/field`,
          'aggregate.not_groupable',
          `Records do not group by ${String(dimension.field)}.`,
          {
            field: dimension.field,
            allowed: groupings,
          },
        );
      if (typeof dimension.field === 'string')
        claim(dimensionKey(dimension as unknown as AggregateDimension), path);
    });

  const measures = query.measures;
  if (!Array.isArray(measures) || measures.length < 1 || measures.length > MAX_MEASURES)
    issue('/measures', 'aggregate.measures', `must be a list of 1 to ${MAX_MEASURES} measures`, {
      max: MAX_MEASURES,
    });
  else
    measures.forEach((measure, i) => {
      const path = `/measures/${i}`;
      if (!isObject(measure)) {
        issue(path, 'aggregate.measure', 'must be { op, field, as }');
        return;
      }
      for (const k of Object.keys(measure))
        if (!['op', 'field', 'as'].includes(k))
          issue(`${path}/${k}`, 'aggregate.unknown_property', 'is not known here', { key: k });
      const op = measure.op;
      const known = typeof op === 'string' && (AGGREGATIONS as readonly string[]).includes(op);
      if (!known)
        issue(`${path}/op`, 'aggregate.op', `is not a known measure (${AGGREGATIONS.join(', ')})`, { op });
      if (measure.field === undefined) {
        if (op !== 'count') issue(`${path}/field`, 'aggregate.field_required', `${String(op)} needs a field`);
      } else {
        const field = fieldAt(measure.field, `${path}/field`);
        const allowed = field ? aggregatesOf(field) : undefined;
        if (allowed && known && !allowed.includes(op as Aggregation))
          issue(`${path}/op`, 'aggregate.op_not_applicable', `${op} does not apply to this field`, {
            op,
            field: measure.field,
            allowed,
          });
      }
      if (measure.as !== undefined && (typeof measure.as !== 'string' || !KEY.test(measure.as)))
        issue(`${path}/as`, 'aggregate.key', 'must be a name of letters, digits and _ (at most 64)');
      if (typeof op === 'string') claim(measureKey(measure as unknown as AggregateMeasure), path);
    });

  if (query.filter !== undefined)
    for (const found of queryIssues(definition, { filter: query.filter }))
      issue(found.path, 'aggregate.filter', found.message);
  checkSort(query.sort, keys, issue);
  const limit = query.limit;
  if (
    limit !== undefined &&
    !(Number.isInteger(limit) && (limit as number) >= 1 && (limit as number) <= MAX_AGGREGATE_ROWS)
  )
    issue('/limit', 'aggregate.limit', `must be a whole number from 1 to ${MAX_AGGREGATE_ROWS}`, {
      max: MAX_AGGREGATE_ROWS,
    });
  return issues;
}

function checkSort(
  sort: unknown,
  keys: Set<string>,
  issue: (path: string, code: string, message: string, params?: Record<string, unknown>) => void,
): void {
  if (sort === undefined) return;
  if (!Array.isArray(sort) || sort.length > MAX_DIMENSIONS + MAX_MEASURES) {
    issue('/sort', 'aggregate.sort', 'must be a list of sort keys');
    return;
  }
  sort.forEach((key, i) => {
    const path = `/sort/${i}`;
    if (!isObject(key)) {
      issue(path, 'aggregate.sort', 'must be { by, dir }');
      return;
    }
    for (const k of Object.keys(key))
      if (k !== 'by' && k !== 'dir')
        issue(`${path}/${k}`, 'aggregate.unknown_property', 'is not known here', { key: k });
    if (typeof key.by !== 'string' || !keys.has(key.by))
      issue(`${path}/by`, 'aggregate.sort_key', 'must be the key of a dimension or measure', { by: key.by });
    if (key.dir !== undefined && key.dir !== 'asc' && key.dir !== 'desc')
      issue(`${path}/dir`, 'aggregate.sort_dir', 'must be asc or desc');
  });
}

/** A record column as a field of the type whose traits it follows; undefined for `_id`. */
function columnField(id: SystemColumn): FieldDef | undefined {
  const type = COLUMN_TYPES[id];
  return type ? ({ id, type, label: { zh: id, en: id } } as FieldDef) : undefined;
}
