import { checkExpression, referencedFields } from '../expressions';
import type { FieldDef } from '../fields/contract';
import type { FormDefinition } from '../fields/form-schema';
import { holdsDate } from '../fields/grouping';
import { fieldTypes } from '../fields/registry';
import { subformColumns } from '../fields/types/subform';

/** The form a flow runs on, as the workflow rules ask about it. */
export class FormFields {
  private readonly byId = new Map<string, FieldDef>();
  /** Fields and table columns: what an expression over the record may name. */
  private readonly readable = new Set<string>();

  constructor(readonly form: FormDefinition) {
    for (const field of form.fields) {
      this.byId.set(field.id, field);
      this.readable.add(field.id);
      if (field.type === 'subform') for (const column of subformColumns(field)) this.readable.add(column.id);
    }
  }

  /** `the form "Expense claim"`. */
  get name(): string {
    return `the form "${this.form.title?.en ?? this.form.id}"`;
  }

  field(id: string): FieldDef | undefined {
    return this.byId.get(id);
  }

  /** `"Total" (f_total)`. */
  describe(field: FieldDef): string {
    return `"${field.label?.en ?? field.id}" (${field.id})`;
  }

  typeName(field: FieldDef): string {
    return fieldTypes.get(field.type)?.label.en ?? field.type;
  }

  /** Whether people can type a value into the field (not computed, not layout). */
  holdsInput(field: FieldDef): boolean {
    const type = fieldTypes.get(field.type);
    return !!type && type.storesValue && !type.computed;
  }

  /** Whether the field holds a date or a time (its type's date groupings say so). */
  holdsDate(field: FieldDef): boolean {
    return holdsDate(field);
  }

  /**
   * Why the field `id` cannot give a node its time (a deadline, a delay), or undefined when it can:
   * not a field of the form (`pick` says what to do), or not a date (`only` says what is allowed).
   */
  dateProblem(id: string, pick: string, only: string): string | undefined {
    const field = this.field(id);
    if (!field) return `${id} is not a field of ${this.name}: ${pick}.`;
    if (!this.holdsDate(field)) return `${this.describe(field)} is of type ${this.typeName(field)}; ${only}.`;
    return undefined;
  }

  unknownReferences(source: string): string[] {
    return referencedFields(source).filter((id) => !this.readable.has(id));
  }
}

/**
 * Problems of one expression: it must compile, and name only fields of the form (when known).
 * `what` says where it sits, e.g. `The condition of edge "e1"`.
 */
export function expressionProblems(source: string, what: string, form: FormFields | undefined): string[] {
  const result = checkExpression(source);
  if (!result.ok) {
    const reason = /[.!?]$/.test(result.message) ? result.message : `${result.message}.`;
    return [`${what} does not compile: ${reason} Correct the expression.`];
  }
  if (!form) return [];
  return form
    .unknownReferences(source)
    .map((id) => `${what} uses ${id}, which is not a field of ${form.name}: use one of the form's fields.`);
}
