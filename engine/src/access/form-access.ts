import type { FieldDef, FormDefinition } from '@forecourt/schemas';
import type { RawBuilder } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { DomainError, ForbiddenError, NotFoundError } from '../errors';
import { formVersion } from '../forms/forms';
import {
  compileGrants,
  type FieldSet,
  FULL_GRANT,
  type Grant,
  hasField,
  intersect,
  rowsFor,
  sameFields,
  scopeFlags,
  union,
} from './compile';
import { computedReads, withReadableSources } from './computed-reads';
import { loadAccess } from './principal';
import type { Action } from './types';

/** What a token limited to reading may still do. */
const READ_ACTIONS: ReadonlySet<Action> = new Set(['view', 'export', 'print']);

const ACTION_WORDS: Record<Action, string> = {
  view: 'view records of this form',
  create: 'add records to this form',
  edit: 'change records of this form',
  delete: 'delete records of this form',
  export: 'export records of this form',
  import: 'import records into this form',
  batchEdit: 'change records of this form in bulk',
  print: 'print records of this form',
  manageWorkflow: 'manage the approvals of this form',
};

/**
 * Everything a user may do on one form, compiled once per request from the union of the
 * permission sets assigned to them (directly, through a department above them, or a role).
 * Every path that reads or writes records asks this object: rows as a SQL condition, fields as
 * masks. Workspace admins and the form's app admins hold every right.
 */
export class FormAccess {
  constructor(
    readonly formId: string,
    readonly version: number,
    readonly definition: FormDefinition,
    /** An admin of the workspace or of the form's app: may also change the form and its settings. */
    readonly manages: boolean,
    readonly grants: readonly Grant[],
  ) {}

  can(action: Action): boolean {
    return this.grants.some((g) => g.actions.has(action));
  }

  /** Throws 403 unless some set grants the action. */
  require(action: Action): void {
    if (!this.can(action)) throw new ForbiddenError(`You may not ${ACTION_WORDS[action]}.`);
  }

  /** The SQL condition on `records` of the rows the action reaches. */
  rows(action: Action = 'view'): RawBuilder<boolean> {
    return rowsFor(this.grants, action);
  }

  /** Whether the action reaches every record of the form (no row condition needed). */
  reachesAll(action: Action = 'view'): boolean {
    return this.grants.some((g) => g.actions.has(action) && g.rows === true);
  }

  /** Fields shown on every row the action reaches: what filters, sorts, search and export columns may use. */
  common(action: Action = 'view'): FieldSet {
    const sets = this.grants.filter((g) => g.actions.has(action)).map((g) => g.read);
    return sets.length ? sets.reduce(intersect) : new Set();
  }

  /** Whether every row the action reaches shows the same fields (then no per-row flags are needed). */
  uniform(action: Action = 'view'): boolean {
    const sets = this.grants.filter((g) => g.actions.has(action)).map((g) => g.read);
    return sets.every((s) => sameFields(s, sets[0]!));
  }

  /** The per-row scope flags to select with rows when `uniform` is false (or to decide a write). */
  flags(): RawBuilder<string> {
    return scopeFlags(this.grants);
  }

  /** Fields shown on a row, given its flags (undefined: the action's rows are uniform). */
  readable(flags?: string, action: Action = 'view'): FieldSet {
    if (flags === undefined) return this.common(action);
    return union(this.reaching(flags, action).map((g) => g.read));
  }

  /** Fields a write by the action may carry: a new record (create, import) or a bulk change. */
  writableFor(action: Action): FieldSet {
    return union(this.grants.filter((g) => g.actions.has(action)).map((g) => g.write));
  }

  /** Fields the user may change on a row with these flags. */
  editable(flags: string): FieldSet {
    return union(this.reaching(flags, 'edit').map((g) => g.write));
  }

  /** Whether a row with these flags is reached by the action. */
  reaches(flags: string, action: Action): boolean {
    return this.reaching(flags, action).length > 0;
  }

  /**
   * The definition as this user may see it: only the fields some set shows or lets them fill
   * (a "submit only" user sees the fields to fill, nothing else). Admins see it whole.
   */
  visibleDefinition(): FormDefinition {
    if (this.manages) return this.definition;
    const shown = union([...this.grants.map((g) => g.read), this.writableFor('create')]);
    return { ...this.definition, fields: this.definition.fields.filter((f) => hasField(shown, f.id)) };
  }

  /** The fields of the form within a field set. */
  fieldsIn(set: FieldSet): FieldDef[] {
    return this.definition.fields.filter((f) => hasField(set, f.id));
  }

  private reaching(flags: string, action: Action): Grant[] {
    return this.grants.filter((g, i) => g.actions.has(action) && flags[i] === '1');
  }
}

/** Compiles the actor's access to a form (its published version). */
export async function formAccess(
  db: Executor,
  actor: Actor,
  formId: string,
  /** Forms being compiled further up (a lookup's target's lookups): a cycle hides the field. */
  visiting: ReadonlySet<string> = new Set(),
): Promise<FormAccess> {
  if (actor.isAdmin || actor.via === 'system') {
    const { version, definition } = await formVersion(db, actor.workspaceId, formId);
    return withScopes(actor, new FormAccess(formId, version, definition, true, [FULL_GRANT]));
  }
  const loaded = await loadAccess(db, actor, formId);
  if (!loaded) throw new NotFoundError('The form');
  if (loaded.version == null) throw new NotFoundError('A published version of this form');
  // With the version known, the definition comes from the per-process cache of immutable versions.
  const { version, definition } = await formVersion(db, actor.workspaceId, formId, loaded.version);
  if (loaded.appRole === 'admin') {
    return withScopes(actor, new FormAccess(formId, version, definition, true, [FULL_GRANT]));
  }
  const grants = await compileGrants(
    {
      actor,
      principal: loaded.principal,
      fields: definition.fields,
      definitionOf: async (id) => (await formVersion(db, actor.workspaceId, id)).definition,
      now: new Date(),
    },
    loaded.sets,
  );
  const derived = await unreadableDerived(db, actor, definition, new Set([...visiting, formId]));
  const ids = definition.fields.map((f) => f.id);
  const without = (set: FieldSet): FieldSet =>
    derived.size ? new Set(ids.filter((id) => hasField(set, id) && !derived.has(id))) : set;
  // A computed field shows what it reads: each set shows it only with everything it reads.
  const reads = computedReads(definition);
  const masked = grants.map((g) => {
    const read = withReadableSources(without(g.read), reads);
    return { ...g, read, write: intersect(without(g.write), read) };
  });
  return withScopes(actor, new FormAccess(formId, version, definition, false, masked));
}

/**
 * Lookups and relation rollups show values of another form. Someone who may not read that form
 * must not read it through them: such a field is shown only to those whose `view` sets reach every
 * record of the target form and show the field it reads there (a narrower scope would need a check
 * per record and value, and the safe answer is to hide). Sets cannot grant it otherwise.
 */
async function unreadableDerived(
  db: Executor,
  actor: Actor,
  definition: FormDefinition,
  visiting: ReadonlySet<string>,
): Promise<Set<string>> {
  const hidden = new Set<string>();
  const targets = new Map<string, FormAccess | null>();
  for (const field of definition.fields) {
    const source = derivedSource(definition, field);
    if (!source) continue;
    if (!targets.has(source.formId)) {
      const target = visiting.has(source.formId)
        ? null
        : await formAccess(db, actor, source.formId, visiting).catch(() => null);
      targets.set(source.formId, target);
    }
    const target = targets.get(source.formId);
    const readable =
      target?.reachesAll('view') && (!source.fieldId || hasField(target.common('view'), source.fieldId));
    if (!readable) hidden.add(field.id);
  }
  return hidden;
}

/** The form and field a lookup or a rollup over a relation reads; null for other fields. */
function derivedSource(
  definition: FormDefinition,
  field: FieldDef,
): { formId: string; fieldId?: string } | null {
  const relationId =
    field.type === 'lookup'
      ? String(field.relation)
      : field.type === 'rollup'
        ? (field.source as { relation?: string } | undefined)?.relation
        : undefined;
  if (!relationId) return null;
  const relation = definition.fields.find((f) => f.id === relationId && f.type === 'relation');
  if (!relation) return null;
  const fieldId = field.type === 'lookup' ? String(field.targetField) : (field.field as string | undefined);
  return { formId: String(relation.target), ...(fieldId ? { fieldId } : {}) };
}

/**
 * An API token limited to some apps: nothing outside them, only reading where its scope says read,
 * and never the managing of forms (that is for people, not integrations).
 */
function withScopes(actor: Actor, access: FormAccess): FormAccess {
  if (!actor.scopes) return access;
  const scope = actor.scopes.find((s) => s.appId === access.definition.app);
  const grants = !scope
    ? []
    : scope.access === 'read'
      ? access.grants.map((g) => ({
          ...g,
          actions: new Set([...g.actions].filter((a) => READ_ACTIONS.has(a))),
        }))
      : access.grants;
  return new FormAccess(access.formId, access.version, access.definition, false, grants);
}

/**
 * The form's access for someone who manages it (a workspace admin or an admin of the form's app),
 * for changing its settings (`what`: "its permission sets", "its public links"); 403 otherwise.
 */
export async function managedForm(
  db: Executor,
  actor: Actor,
  formId: string,
  what: string,
): Promise<FormAccess> {
  const access = await formAccess(db, actor, formId);
  if (!access.manages) throw new ForbiddenError(`Only administrators of this form's app can manage ${what}.`);
  return access;
}

/** Keeps only the fields a row may show (data and unconverted values alike). */
export function maskData<T extends Record<string, unknown> | null>(data: T, fields: FieldSet): T {
  if (fields === 'all' || data === null) return data;
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(data)) if (fields.has(id)) out[id] = value;
  return out as T;
}

/** A 403 naming the path of each field the user may not set, so the form can show it where it belongs. */
export function forbiddenFields(paths: string[]): DomainError {
  return new DomainError(
    'forbidden',
    paths.length === 1 ? 'You may not change this field.' : 'You may not change these fields.',
    paths.map((path) => ({ path, message: 'You may not change this field.' })),
  );
}
