import {
  type FieldDef,
  type FormDefinition,
  fieldType,
  readsEveryField,
  referencedFields,
} from '@forecourt/schemas';
import { computedReads, withReadableSources } from '../access/computed-reads';
import type { ErrorDetail } from '../errors';
import { publicFields } from './fields';

/**
 * A fill link shows and accepts only the fields its admin listed (`fill_fields`, top-level ids; a
 * listed table brings its public columns). Everything else of the form stays out of the page: no
 * definition, no section without a listed field, no formula over an unlisted field, and no rule,
 * expression default or expression check that reads one (the server still applies those, where an
 * unlisted field holds its default, since the visitor gives it no value).
 */
export function fillDefinition(definition: FormDefinition, listed: readonly string[]): FormDefinition {
  const wanted = new Set(listed);
  const candidates = publicFields(definition.fields).filter((f) => wanted.has(f.id));
  const readable = withReadableSources(new Set(candidates.map((f) => f.id)), computedReads(definition));
  const shownIds = readable === 'all' ? new Set(candidates.map((f) => f.id)) : readable;
  const fields = candidates.filter((f) => shownIds.has(f.id)).map((f) => withoutHiddenReads(f, shownIds));
  const usedSections = new Set(fields.map((f) => f.layout?.section).filter(Boolean));
  const sections = definition.sections?.filter((s) => usedSections.has(s.id));
  return {
    id: definition.id,
    app: definition.app,
    title: definition.title,
    ...(definition.description ? { description: definition.description } : {}),
    ...(sections?.length ? { sections } : {}),
    fields,
  };
}

/** Whether an expression reads only shown fields (one that does not compile reads nothing). */
function readsOnly(expression: unknown, shown: ReadonlySet<string>): boolean {
  if (typeof expression !== 'string') return true;
  try {
    if (readsEveryField(expression)) return false;
    return referencedFields(expression).every((id) => shown.has(id));
  } catch {
    return true;
  }
}

function withoutHiddenReads(field: FieldDef, shown: ReadonlySet<string>): FieldDef {
  const out: FieldDef = { ...field };
  if (!readsOnly(out.visibleIf, shown)) delete out.visibleIf;
  if (out.default?.kind === 'expression' && !readsOnly(out.default.expression, shown)) delete out.default;
  if (out.validations)
    out.validations = out.validations.filter(
      (v) => v.kind !== 'expression' || readsOnly(v.expression, shown),
    );
  return out;
}

/** The fields a new fill link lists unless told otherwise: every field its page could show. */
export function defaultFillFields(definition: FormDefinition): string[] {
  return publicFields(definition.fields).map((f) => f.id);
}

/**
 * What is wrong with a fill link's field list, each at its path (`/fillFields/2`) with a stable code:
 * an unknown or deleted field, one no anonymous person may meet (people, relations, files, system
 * fields), a duplicate. Computed and read-only fields may be listed: they are shown, never accepted.
 */
export function fillFieldIssues(definition: FormDefinition, ids: readonly string[]): ErrorDetail[] {
  if (ids.length === 0)
    return [
      {
        path: '/fillFields',
        message: 'Choose at least one field to show.',
        code: 'public_link.fields_empty',
      },
    ];
  const byId = new Map(definition.fields.map((f) => [f.id, f]));
  const showable = new Set(publicFields(definition.fields).map((f) => f.id));
  const issues: ErrorDetail[] = [];
  for (const [index, id] of ids.entries()) {
    const path = `/fillFields/${index}`;
    const field = byId.get(id);
    const params = { field: id };
    if (ids.indexOf(id) !== index)
      issues.push({
        path,
        message: 'This field is listed twice.',
        code: 'public_link.field_duplicate',
        params,
      });
    else if (!field || field.hidden)
      issues.push({
        path,
        message: 'There is no such field in the published form.',
        code: 'public_link.field_unknown',
        params,
      });
    else if (!showable.has(id))
      issues.push({
        path,
        message: `A ${fieldType(field.type).group} field cannot be shown through a public link.`,
        code: 'public_link.field_not_public',
        params: { ...params, type: field.type },
      });
  }
  return issues;
}
