import type { Label } from '../fields/contract';

/** The record events an automation can listen to. */
export type AutomationTriggerKind = 'record.created' | 'record.updated' | 'record.deleted';

/** Which path wrote the record (the write context's `via`, `public` for a public fill link). */
export type AutomationChannel = 'api' | 'import' | 'public' | 'workflow' | 'automation';

export interface AutomationTrigger {
  kind: AutomationTriggerKind;
  /** `record.updated` only: fire only when one of these fields changed. */
  fields?: string[];
  /** Fire only for writes that came this way; all ways when absent. */
  channels?: AutomationChannel[];
  /** JSONata over the record (`$record`, `$previous` bound); the automation runs when it is true. */
  condition?: string;
}

/** Field id → JSONata over the triggering record (`$record.id`, `$record.ownerId`, `$previous.f_x`). */
export type ValueMappings = Record<string, string>;

export interface CreateRecordAction {
  kind: 'createRecord';
  formId: string;
  values: ValueMappings;
}

export interface UpdateRecordAction {
  kind: 'updateRecord';
  values: ValueMappings;
}

export interface NotifyAction {
  kind: 'notify';
  users?: string[];
  roles?: string[];
  message: Label;
}

export type AutomationAction = CreateRecordAction | UpdateRecordAction | NotifyAction;
export type AutomationActionKind = AutomationAction['kind'];

export interface AutomationDefinition {
  formId: string;
  title: Label;
  trigger: AutomationTrigger;
  actions: AutomationAction[];
}

export interface AutomationIssue {
  /** JSON pointer into the definition, e.g. `/actions/0/values/f_booking`. */
  path: string;
  /** Stable reason, e.g. `automation.field_unknown`; the UI words it from `code` and `params`. */
  code: AutomationIssueCode;
  params?: Record<string, unknown>;
  /** The reason in English, for logs and API users. */
  message: string;
}

export type AutomationIssueCode =
  | 'automation.shape'
  | 'automation.form_mismatch'
  | 'automation.form_unknown'
  | 'automation.field_unknown'
  | 'automation.field_not_input'
  | 'automation.fields_not_update'
  | 'automation.expression'
  | 'automation.notify_nobody';
