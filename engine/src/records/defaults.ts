import { type FieldDef, fieldType } from '@forecourt/schemas';
import type { Executor } from '../db/schema';
import type { ErrorDetail } from '../errors';
import { coerce, evaluate, relatedData, relatedIds } from './compute';
import type { WriteContext } from './context';

type Data = Record<string, unknown>;

/** Fills empty fields of a new record from their defaults: a value, the user, their department, an expression or data linkage. */
export async function applyDefaults(
  db: Executor,
  fields: FieldDef[],
  data: Data,
  provided: Set<string>,
  context: WriteContext,
  issues: ErrorDetail[],
): Promise<void> {
  for (const field of fields) {
    const source = field.default;
    if (!source || provided.has(field.id) || (data[field.id] ?? null) !== null) continue;
    let value: unknown = null;
    try {
      switch (source.kind) {
        case 'value':
          value = source.value;
          break;
        // A public submission has no user (its actor id is the link's): these stay empty.
        case 'currentUser':
          if (context.publicLink) break;
          value = field.multiple ? [context.actor.userId] : context.actor.userId;
          break;
        case 'currentDepartment': {
          if (context.publicLink) break;
          const department = await primaryDepartment(db, context.actor.userId);
          value = department && field.multiple ? [department] : department;
          break;
        }
        case 'expression':
          value = await evaluate(source.expression, data, context, fields);
          break;
        case 'linkage':
          value = await linkedValue(db, context.actor.workspaceId, source, data);
          break;
      }
    } catch (error) {
      issues.push({
        path: `/${field.id}`,
        message: `The default could not be worked out: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const result = coerce(field, value, context);
    if ('message' in result)
      issues.push({ path: `/${field.id}`, message: `The default is not valid here: ${result.message}` });
    else data[field.id] = result.value;
  }
}

/**
 * Copies chosen fields of the record picked in a relation (`copy: { targetField: thisField }`) into
 * fields this request did not set itself.
 */
export async function applyRelationCopies(
  db: Executor,
  fields: FieldDef[],
  data: Data,
  provided: Set<string>,
  changed: Set<string>,
  context: WriteContext,
  issues: ErrorDetail[],
): Promise<void> {
  for (const relation of fields.filter((f) => f.type === 'relation' && f.copy && changed.has(f.id))) {
    const [first] = relatedIds(data[relation.id]);
    if (!first) continue;
    const target = (await relatedData(db, context.actor.workspaceId, [first])).get(first);
    if (!target) continue;
    for (const [from, to] of Object.entries(relation.copy as Record<string, string>)) {
      const field = fields.find((f) => f.id === to);
      if (!field || provided.has(to) || fieldType(field.type).computed || target[from] == null) continue;
      const result = coerce(field, target[from], context);
      if ('message' in result)
        issues.push({ path: `/${to}`, message: `Copied from ${relation.id}: ${result.message}` });
      else data[to] = result.value;
    }
  }
}

async function linkedValue(
  db: Executor,
  workspaceId: string,
  source: { form: string; field: string; match: { sourceField: string; thisField: string }[] },
  data: Data,
): Promise<unknown> {
  let query = db
    .selectFrom('records')
    .select('data')
    .where('workspace_id', '=', workspaceId)
    .where('form_id', '=', source.form)
    .where('deleted_at', 'is', null);
  for (const { sourceField, thisField } of source.match) {
    const value = data[thisField];
    if (value === null || value === undefined) return null;
    query = query.where((eb) => eb(eb.ref('data', '->>').key(sourceField as never), '=', String(value)));
  }
  const row = await query.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row?.data[source.field] ?? null;
}

async function primaryDepartment(db: Executor, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('department_members')
    .select('department_id')
    .where('user_id', '=', userId)
    .where('is_primary', '=', true)
    .executeTakeFirst();
  return row?.department_id ?? null;
}
