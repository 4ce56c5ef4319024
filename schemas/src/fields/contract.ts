/**
 * The field-type contract. A field type is one module in `fields/types/<type>.ts` implementing
 * `FieldType`, its name in `fields/type-names.ts`, registered in `fields/registry.ts`. It is pure (browser
 * and server share it). Its traits (`compareAs`, `canTitle`, `searchable`, `publicFill`, `extraWrites`,
 * `bulkSet`, `chosen`, `groupBy`, `aggregates`) and `displayText` tell the rest of the tree how to treat
 * it, so nothing lists type names to keep in step: the record query language (`query/operators.ts`)
 * derives a field's operators from `compareAs`, the engine's query SQL (`engine/src/query/field-sql.ts`)
 * follows from that, and record pages word values with `displayText`. What each type needs elsewhere is
 * in maps keyed by `FieldTypeName` (the web app's widgets, `runtime-ui/src/form/registry.ts`, and
 * query-link controls; the designer's icons and settings panels), so the compiler names what a new type
 * lacks (docs/metadata.md, "Adding a field type").
 */

import type { FieldTypeName } from './type-names';

/** Bilingual text: labels are data, never UI chrome. */
export interface Label {
  zh: string;
  en: string;
}

/** A JSON Schema (2020-12) document or fragment, as plain data. */
export type JsonSchema = Record<string, unknown>;

export type FieldGroup =
  | 'basic'
  | 'choice'
  | 'people'
  | 'media'
  | 'relation'
  | 'advanced'
  | 'system'
  | 'layout';

/** Where a default comes from. */
export type FieldDefault =
  | { kind: 'value'; value: unknown }
  | { kind: 'expression'; expression: string }
  | { kind: 'currentUser' }
  | { kind: 'currentDepartment' }
  | {
      /** Data linkage: the value of `field` in the first record of `form` whose fields match. */
      kind: 'linkage';
      form: string;
      field: string;
      match: { sourceField: string; thisField: string }[];
    };

export type FieldValidation =
  | { kind: 'range'; min?: number | string; max?: number | string; message?: Label }
  | { kind: 'length'; min?: number; max?: number; message?: Label }
  /** A pattern run by a linear-time regex engine (RE2 semantics), never the host's backtracking one. */
  | { kind: 'pattern'; pattern: string; message?: Label }
  /** An expression that must be true; `message` is shown on the field when it is not. */
  | { kind: 'expression'; expression: string; message: Label };

/** Properties every field definition has, whatever its type. */
export interface FieldBase {
  /** Immutable id, the key inside a record's data: `f_` then lowercase letters, digits, underscores. */
  id: string;
  /** The name of its type in the registry; the compiler refuses a name that is not registered. */
  type: FieldTypeName;
  label: Label;
  description?: Label;
  required?: boolean;
  unique?: boolean;
  readOnly?: boolean;
  /** Deleting a field hides it: its data is kept and it can be shown again. */
  hidden?: boolean;
  default?: FieldDefault;
  validations?: FieldValidation[];
  /** Expression over the record: the field is shown (and validated, and stored) only while it is true. */
  visibleIf?: string;
  /** Ask for a typed expression index (see architecture: one fieldSql per type). */
  indexed?: boolean;
  layout?: { width?: 1 | 2 | 3 | 4; section?: string };
}

/** Any field definition: the base plus the properties of its type (see each type's definitionSchema). */
export type FieldDef = FieldBase & Record<string, unknown>;

/**
 * How the type reads its definition for showing it: a widget name and its options (limits, display).
 * The web app picks its component by type name, not by this name; the engine's upload limits read the
 * options (`engine/src/files/limits.ts`), and a computed type reports its result type's hint.
 */
export interface WidgetHint {
  widget: string;
  options?: Record<string, unknown>;
}

/** The result of turning input (JSON from a client, or text from import) into a stored value. */
export type Conversion<V> = { ok: true; value: V | null } | { ok: false; message: string };

/**
 * One invalid part of a value. `path` is a JSON pointer relative to the field's value: `''` for the value
 * itself, `/2/f_qty` for the quantity cell of a table's third row. The server prefixes the field id.
 */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A value at odds with the rest of its record: a stable code and its params, for the client to word. */
export interface RecordIssue {
  message: string;
  code: string;
  params?: Record<string, unknown>;
}

/** Like `Conversion`, but listing every invalid part of a structured value (a table) with its path. */
export type DetailedConversion<V> = { ok: true; value: V | null } | { ok: false; issues: FieldIssue[] };

export interface FieldContext {
  /** Now, for date defaults and "not in the future" checks; fixed in tests. */
  now: Date;
  /** IANA time zone used to read dates typed without one (import); default Asia/Shanghai. */
  timeZone: string;
}

/**
 * How a value compares, sorts and filters; the query layer and the grid's filters read only this.
 * - text: the stored text; number: as a number (`::numeric`); date / datetime: ISO text in time order;
 * - boolean; choice: one option value; link: one linked record's id; member / department: one id,
 *   with "me" and "my department" operators (a `multiple` choice, link or people field compares as array);
 * - array: a list of option values; json: structured (address, files): only emptiness and contains;
 * - table: a subform's rows; result: a formula, lookup or rollup, like the type of its result.
 */
export type CompareAs =
  | 'text'
  | 'number'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'choice'
  | 'link'
  | 'member'
  | 'department'
  | 'array'
  | 'json'
  | 'table'
  | 'result';

/** How a bulk edit sets a field (the value input it shows); a type without one is not bulk-edited. */
export type BulkSetter = 'text' | 'number' | 'date' | 'datetime' | 'option' | 'options' | 'boolean';

/** What creating a value writes beside the record row: a link row, file references, a counter. */
export type ExtraWrite = 'link' | 'files' | 'counter';

/** A calendar bucket that records with a date or time group into ("by month"). */
export type DateBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** How records group on a field: one group per value (option, person, linked record), or per date bucket. */
export type Grouping = 'value' | DateBucket;

/**
 * What a summary (a dashboard's figure) may compute over a field's values: `count` counts records with a
 * value, `countDistinct` the different values; `sum` and `avg` need numbers; `min` and `max` an order.
 */
export type Aggregation = 'count' | 'countDistinct' | 'sum' | 'avg' | 'min' | 'max';

/** Words of the web app's own that `displayText` may use (they live in its locale files, not here). */
export type DisplayWord = 'yes' | 'no' | 'signed' | 'rows';

/** What `displayText` knows besides the field and value. */
export interface DisplayContext {
  /** The reader's language: `en`, or Chinese (`zh-CN`). */
  language: string;
  /** The web app's word, in the reader's language; `count` for `rows`. */
  word(word: DisplayWord, count?: number): string;
  /** The name of a person, department or linked record a field holds the id of, when it is known. */
  nameOf?(id: string): string | undefined;
}

/**
 * One field type. Stored values are JSON; `null` means empty. Computed types (`computed: true`)
 * never take their value from input: the server computes them.
 */
export interface FieldType<V = unknown> {
  type: FieldTypeName;
  group: FieldGroup;
  label: Label;
  /** False for layout-only types (divider, description): nothing is stored. */
  storesValue: boolean;
  /** Formula, lookup, rollup, serial number and system fields: input is ignored, the server computes. */
  computed: boolean;
  /** How values compare, sort and filter (see CompareAs). */
  compareAs: CompareAs;
  /** Whether an anonymous person may meet it through a public fill link (not people, links, files, system). */
  publicFill: boolean;
  /** Its text may name a record (inbox titles, record names, relation pickers). */
  canTitle?: boolean;
  /** A person searches its text: an indexed field of this type gets a trigram search index. */
  searchable?: boolean;
  /** What creating a value writes beside the record row; such forms write in a transaction. */
  extraWrites?: ExtraWrite;
  /** How a bulk edit sets it; absent: not offered in bulk edits. */
  bulkSet?: BulkSetter;
  /** A person picks the value (options, stars, a date) rather than types it: "choose …" when missing. */
  chosen?: boolean;
  /**
   * How records group on it; empty when they do not (long text, files, amounts). `'result'`: as the
   * type of its result (formula, lookup, rollup); `groupingsOf(field)` resolves that.
   */
  groupBy: readonly Grouping[] | 'result';
  /** What summaries may compute over it; empty for layout. `'result'`: as its result (`aggregatesOf`). */
  aggregates: readonly Aggregation[] | 'result';
  /** JSON Schema of this type's own definition properties (merged into the form meta-schema). */
  definitionSchema: JsonSchema;
  /** Checks the definition beyond what the schema can say (e.g. options unique, min ≤ max). */
  checkDefinition?(field: FieldDef): string[];
  /** JSON Schema of a stored, non-null value: generated from our closed model, never user input. */
  valueSchema(field: FieldDef): JsonSchema;
  /** Client JSON → stored value: trims, canonicalises (upper-case VIN, +86 phone), checks. */
  normalize(field: FieldDef, input: unknown, context: FieldContext): Conversion<V>;
  /**
   * Optional, for structured values (subform): the same conversion as `normalize`, but with one issue per
   * invalid cell so the form can mark each. Types without it report `normalize`'s message at path `''`.
   */
  normalizeDetailed?(field: FieldDef, input: unknown, context: FieldContext): DetailedConversion<V>;
  /**
   * For types whose stored text has one case (plates, VINs upper-case): folds a substring the same
   * way, so a `startsWith` filter of `粤b` finds `粤B…`. A substring is no value, so it is not normalised.
   */
  foldSubstring?(text: string): string;
  /**
   * Optional: checks a non-empty value against the rest of the record, once its computed fields
   * (lookups of linked records included) hold their values; the issue is reported at the field.
   */
  checkRecord?(field: FieldDef, value: V, data: Readonly<Record<string, unknown>>): RecordIssue | undefined;
  /**
   * Optional: stored value → text for people in their language (thousands separators, a unit, an option's
   * label, a person's name); the plain stored value when absent. The value may be of another shape than
   * `V` (a newer server, a hand-edited import): show what can be shown rather than throw.
   */
  displayText?(field: FieldDef, value: V, context: DisplayContext): string;
  /** Stored value → text, for export, display and type changes. Empty for null. */
  toText(field: FieldDef, value: V): string;
  /** Text (import, type change) → stored value. Empty text is null. */
  fromText(field: FieldDef, text: string, context: FieldContext): Conversion<V>;
  widget(field: FieldDef): WidgetHint;
}
