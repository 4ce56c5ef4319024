import type { JsonSchema } from '../../fields/contract';
import type { FormFields } from '../../workflow/form-fields';
import type { AutomationForms } from '../context';
import type { AutomationAction, AutomationActionKind, AutomationIssue } from '../types';

/** What the checker may ask about the forms of one automation. */
export interface ActionCheckContext {
  forms: AutomationForms;
  trigger: FormFields;
}

/** One action kind's rules: its schema branch (closed, with `kind`) and its checks beyond the shape. */
export interface AutomationActionRules<A extends AutomationAction = AutomationAction> {
  /** The kind's own properties (the schema adds `kind`). */
  properties: Record<string, JsonSchema>;
  required: string[];
  issues(action: A, path: string, context: ActionCheckContext): AutomationIssue[];
}

/** Every action kind with its rules: the compiler names a kind without a module. */
export type AutomationActionRegistry = {
  [K in AutomationActionKind]: AutomationActionRules<Extract<AutomationAction, { kind: K }>>;
};
