import {
  checkExpression,
  checkFormDefinition,
  type FieldDef,
  type FormDefinition,
  formDefinitionSchema,
  referencedFields,
} from '@forecourt/schemas';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Executor } from '../db/schema';
import type { ErrorDetail } from '../errors';
import { ValidationError } from '../errors';
import { metaSchemaValidator } from './meta-schema';

/** Every problem of a form definition, each with its JSON-pointer path; empty when it can be published. */
export async function definitionIssues(
  db: Executor,
  workspaceId: string,
  definition: unknown,
): Promise<ErrorDetail[]> {
  const validate = metaSchemaValidator(formDefinitionSchema);
  if (!validate(definition)) return shapeIssues(validate.errors ?? []);
  const issues: ErrorDetail[] = [...checkFormDefinition(definition)];
  const form = definition as FormDefinition;
  form.fields.forEach((field, index) => {
    for (const [key, source] of expressionsOf(field)) {
      const result = checkExpression(source);
      if (!result.ok) issues.push({ path: `/fields/${index}/${key}`, message: result.message });
    }
  });
  issues.push(...cycleIssues(form.fields));
  issues.push(...(await relationIssues(db, workspaceId, form)));
  return issues;
}

export async function assertValidDefinition(
  db: Executor,
  workspaceId: string,
  definition: unknown,
): Promise<void> {
  const issues = await definitionIssues(db, workspaceId, definition);
  if (issues.length) throw new ValidationError('The form definition has problems.', issues);
}

/** The expressions a field carries, with the property path each sits at. */
function expressionsOf(field: FieldDef): [string, string][] {
  const out: [string, string][] = [];
  if (typeof field.expression === 'string') out.push(['expression', field.expression]);
  if (typeof field.visibleIf === 'string') out.push(['visibleIf', field.visibleIf]);
  if (typeof field.filter === 'string') out.push(['filter', field.filter]);
  if (field.default?.kind === 'expression') out.push(['default/expression', field.default.expression]);
  field.validations?.forEach((v, i) => {
    if (v.kind === 'expression') out.push([`validations/${i}/expression`, v.expression]);
  });
  return out;
}

/** Formulas may use each other, but never in a circle. */
function cycleIssues(fields: FieldDef[]): ErrorDetail[] {
  const formulas = new Map<string, string[]>();
  fields.forEach((f) => {
    if (f.type === 'formula' && typeof f.expression === 'string') formulas.set(f.id, safeRefs(f.expression));
  });
  const issues: ErrorDetail[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const index = fields.findIndex((f) => f.id === id);
      issues.push({
        path: `/fields/${index}/expression`,
        message: `Formulas refer to each other in a circle: ${[...trail, id].join(' → ')}.`,
      });
      return;
    }
    state.set(id, 'visiting');
    for (const ref of formulas.get(id) ?? []) if (formulas.has(ref)) visit(ref, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of formulas.keys()) visit(id, []);
  return issues;
}

function safeRefs(source: string): string[] {
  try {
    return referencedFields(source);
  } catch {
    return [];
  }
}

async function relationIssues(
  db: Executor,
  workspaceId: string,
  form: FormDefinition,
): Promise<ErrorDetail[]> {
  const wanted = new Map<string, string[]>();
  const collect = (fields: FieldDef[], prefix: string) =>
    fields.forEach((field, index) => {
      if (field.type === 'relation' && typeof field.target === 'string' && field.target !== form.id) {
        wanted.set(field.target, [...(wanted.get(field.target) ?? []), `${prefix}/${index}/target`]);
      }
      if (field.type === 'subform' && Array.isArray(field.fields))
        collect(field.fields as FieldDef[], `${prefix}/${index}/fields`);
    });
  collect(form.fields, '/fields');
  if (!wanted.size) return [];
  const found = new Set(
    (
      await db
        .selectFrom('forms')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', [...wanted.keys()])
        .where('deleted_at', 'is', null)
        .execute()
    ).map((r) => r.id),
  );
  return [...wanted].flatMap(([target, paths]) =>
    found.has(target)
      ? []
      : paths.map((path) => ({ path, message: `There is no form ${target} in this workspace.` })),
  );
}

function shapeIssues(errors: ErrorObject[]): ErrorDetail[] {
  // oneOf over field types reports every branch; keep the most specific messages, once each.
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'const' || e.keyword === 'if') continue;
    let path = e.instancePath || '/';
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'additionalProperties') {
      path = `${e.instancePath}/${String(e.params.additionalProperty)}`;
      message = 'is not a known property';
    } else if (e.keyword === 'required') {
      path = `${e.instancePath}/${String(e.params.missingProperty)}`;
      message = 'is required';
    }
    const key = `${path} ${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path, message });
    }
  }
  return out.length ? out.slice(0, 50) : [{ path: '/', message: 'The form definition is not valid.' }];
}
