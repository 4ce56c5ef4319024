import {
  type Action,
  type Actor,
  buildPrincipal,
  type CompileContext,
  type Database,
  type FieldSet,
  type Grant,
  type Principal,
} from '@forecourt/engine';
import type { FieldDef, FormDefinition } from '@forecourt/schemas';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
  sql,
} from 'kysely';
import { field, form, options } from '../../support/dealership/fields';

/** A Kysely that compiles PostgreSQL and never connects: SQL as text, without a database. */
function kyselyOn(driver: () => Driver): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

const compiler = kyselyOn(() => new DummyDriver());

/** The SQL and parameters of a row condition, as the `where` of a query on records. */
export function where(condition: RawBuilder<boolean> | true) {
  const { sql: text, parameters } =
    sql`select 1 from records where ${condition === true ? sql`true` : condition}`.compile(compiler);
  return { sql: text.replace('select 1 from records where ', ''), parameters };
}

/** The SQL and parameters of a selected expression. */
export function selected(expression: RawBuilder<unknown>) {
  const { sql: text, parameters } = sql`select ${expression}`.compile(compiler);
  return { sql: text.replace('select ', ''), parameters };
}

/**
 * The department tree of a two-store group:
 * group ─┬─ store_a ─┬─ sales_a
 *        │           └─ service_a ── workshop_a
 *        └─ store_b ── sales_b
 */
export const TREE: [string, string | null][] = [
  ['group', null],
  ['store_a', 'group'],
  ['sales_a', 'store_a'],
  ['service_a', 'store_a'],
  ['workshop_a', 'service_a'],
  ['store_b', 'group'],
  ['sales_b', 'store_b'],
];

export const actor = (userId = 'usr_chen', extra: Partial<Actor> = {}): Actor => ({
  workspaceId: 'ws_1',
  userId,
  isAdmin: false,
  via: 'session',
  ...extra,
});

export const leadForm: FormDefinition = form('frm_lead', 'app_sales', '线索', 'Lead', [
  field('f_name', 'text', '姓名', 'Name', { required: true }),
  field('f_mobile', 'phone', '手机', 'Mobile'),
  field('f_source', 'select', '来源', 'Source', {
    options: options(['WalkIn', '到店'], ['Referral', '转介绍']),
  }),
  field('f_budget', 'money', '预算', 'Budget'),
  field('f_note', 'textarea', '备注', 'Note'),
  field('f_score', 'formula', '评分', 'Score', { expression: 'f_budget / 1000', resultType: 'number' }),
  field('f_divider', 'divider', '分隔', 'Divider'),
  field('f_follow_ups', 'subform', '跟进记录', 'Follow-ups', {
    fields: [field('f_at', 'datetime', '时间', 'At'), field('f_outcome', 'textarea', '结果', 'Outcome')],
  }),
  field('f_address', 'address', '地址', 'Address'),
]);

export function context(principal: Principal, fields: FieldDef[] = leadForm.fields): CompileContext {
  return {
    actor: actor(principal.userId),
    principal,
    fields,
    definitionOf: async (id) => {
      if (id === leadForm.id) return leadForm;
      throw new Error(`no form ${id} in this test`);
    },
    now: new Date('2026-03-01T00:00:00Z'),
  };
}

export const principalOf = (departments: string[] = ['sales_a'], roles: string[] = []) =>
  buildPrincipal('usr_chen', departments, roles, TREE);

/** A compiled grant written by hand: field ids as arrays, 'all' for every field. */
export function grantOf(
  actions: Action[],
  rows: RawBuilder<boolean> | true,
  read: string[] | 'all' = 'all',
  write: string[] | 'all' = read,
): Grant {
  const set = (ids: string[] | 'all'): FieldSet => (ids === 'all' ? 'all' : new Set(ids));
  return { actions: new Set(actions), rows, read: set(read), write: set(write) };
}

/** A field set as a sorted list, for equality checks ('all' stays 'all'). */
export const ids = (set: FieldSet) => (set === 'all' ? 'all' : [...set].sort());

export const ownRows = sql<boolean>`records.owner_id = ${'usr_chen'}`;
export const storeRows = sql<boolean>`records.dept_id in (${'store_a'})`;

/** Rows a fake database answers, chosen by the first pattern the query's SQL matches. */
export type Answers = [RegExp, (query: CompiledQuery) => Record<string, unknown>[]][];

/**
 * A Kysely whose "database" answers from canned rows: enough for code that reads a few rows and
 * decides, such as `formAccess`, to run without a database. Every query it saw is kept.
 */
export function fakeDatabase(answers: Answers): { db: Kysely<Database>; queries: CompiledQuery[] } {
  const queries: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery) {
      queries.push(query);
      const answer = answers.find(([pattern]) => pattern.test(query.sql));
      if (!answer) throw new Error(`The fake database has no answer for: ${query.sql}`);
      return { rows: answer[1](query) as R[] };
    },
    // biome-ignore lint/correctness/useYield: never streamed
    async *streamQuery() {
      throw new Error('not streamed');
    },
  };
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  return { db: kyselyOn(() => driver), queries };
}
