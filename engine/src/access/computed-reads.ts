import { type FieldDef, type FormDefinition, readsEveryField, referencedFields } from '@forecourt/schemas';
import { type FieldSet, hasField } from './compile';

/**
 * The fields of its own form each computed field reads: a formula the fields its expression names,
 * a lookup its relation, a rollup its table or relation. A computed field shows what it reads (a
 * formula `f_score * 2` shows the score), so it is readable only where everything it reads is. A
 * formula that reads the record itself (`$lookup($, "f_score")`, `$string($)`, `*`) reads every field.
 */
export function computedReads(definition: FormDefinition): Map<string, string[]> {
  const ids = new Set(definition.fields.map((f) => f.id));
  const reads = new Map<string, string[]>();
  for (const field of definition.fields) {
    const read = readsOf(field, definition).filter((id) => ids.has(id) && id !== field.id);
    if (read.length) reads.set(field.id, read);
  }
  return reads;
}

function readsOf(field: FieldDef, definition: FormDefinition): string[] {
  switch (field.type) {
    case 'formula':
      return expressionReads(field.expression, definition);
    case 'lookup':
      return [String(field.relation)];
    case 'rollup': {
      const source = (field.source ?? {}) as { relation?: string; subform?: string };
      return [source.relation ?? source.subform ?? ''];
    }
    default:
      return [];
  }
}

function expressionReads(expression: unknown, definition: FormDefinition): string[] {
  if (typeof expression !== 'string') return [];
  try {
    if (readsEveryField(expression)) return definition.fields.map((f) => f.id);
    return referencedFields(expression);
  } catch {
    // An expression that does not compile computes nothing, and so shows nothing.
    return [];
  }
}

/**
 * A field set without the computed fields that read a field outside it, to the end of the chain
 * (a formula over a formula over a hidden field is hidden too). `all` stays all: everything is read.
 */
export function withReadableSources(set: FieldSet, reads: Map<string, string[]>): FieldSet {
  if (set === 'all' || !reads.size) return set;
  const out = new Set(set);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, sources] of reads) {
      if (out.has(id) && sources.some((source) => !hasField(out, source))) {
        out.delete(id);
        changed = true;
      }
    }
  }
  return out;
}
