import type { Conversion, FieldType, JsonSchema, Label } from '../contract';
import { defineFieldType, ENTITY_ID_PATTERN, fail, isBlank, isEntityId, label, ok } from '../conversion';
import { DATE_BUCKETS } from '../dates';
import { definition } from '../schema-parts';
import type { FieldTypeName } from '../type-names';
import { datetimeType } from './datetime';

/**
 * Fields every record has, maintained by the server. A form lists them only to show them (or to use them
 * in views and expressions); their definitions carry no options.
 */
function userField(type: FieldTypeName, typeLabel: Label): FieldType<string> {
  const convert = (input: unknown): Conversion<string> => {
    if (isBlank(input)) return ok(null);
    const id = typeof input === 'string' ? input.trim() : '';
    return isEntityId(id) ? ok(id) : fail('This does not identify a member.');
  };
  return defineFieldType<string>({
    type,
    group: 'system',
    label: typeLabel,
    storesValue: true,
    computed: true,
    compareAs: 'text',
    // Records group by who created or last changed them ("orders per advisor").
    groupBy: ['value'],
    aggregates: ['count', 'countDistinct'],
    publicFill: false,
    definitionSchema: definition({}),
    valueSchema: (): JsonSchema => ({ type: 'string', pattern: ENTITY_ID_PATTERN }),
    normalize: (_field, input) => convert(input),
    toText: (_field, value) => value ?? '',
    fromText: (_field, text) => convert(text),
    widget: () => ({ widget: 'member', options: { readOnly: true } }),
  });
}

function timeField(type: FieldTypeName, typeLabel: Label): FieldType<string> {
  return defineFieldType<string>({
    ...datetimeType,
    type,
    group: 'system',
    label: typeLabel,
    computed: true,
    // Compared as the stored ISO text, like before the traits; not picked, not bulk-set, not public.
    compareAs: 'text',
    // Grouped by day, month or year like any time ("orders created per month").
    groupBy: DATE_BUCKETS,
    aggregates: ['count', 'min', 'max'],
    publicFill: false,
    bulkSet: undefined,
    chosen: undefined,
    definitionSchema: definition({}),
    checkDefinition: undefined,
    widget: () => ({ widget: 'datetime', options: { readOnly: true } }),
  });
}

export const createdByType = userField('created_by', label('创建人', 'Created by'));
export const createdAtType = timeField('created_at', label('创建时间', 'Created at'));
export const updatedByType = userField('updated_by', label('修改人', 'Updated by'));
export const updatedAtType = timeField('updated_at', label('修改时间', 'Updated at'));

/** Workflow states are named in the workflow definition: "draft", "awaiting_parts", "done". */
const STATE_PATTERN = '^[a-z][a-z0-9_]{0,63}$';
const STATE = new RegExp(STATE_PATTERN);

function normalizeState(input: unknown): Conversion<string> {
  if (isBlank(input)) return ok(null);
  const state = typeof input === 'string' ? input.trim() : '';
  return STATE.test(state) ? ok(state) : fail('This is not a workflow state.');
}

export const flowStateType = defineFieldType<string>({
  type: 'flow_state',
  group: 'system',
  label: label('流程状态', 'Workflow state'),
  storesValue: true,
  computed: true,
  compareAs: 'text',
  groupBy: ['value'],
  aggregates: ['count'],
  publicFill: false,
  definitionSchema: definition({}),
  valueSchema: (): JsonSchema => ({ type: 'string', pattern: STATE_PATTERN }),
  normalize: (_field, input) => normalizeState(input),
  toText: (_field, value) => value ?? '',
  fromText: (_field, text) => normalizeState(text),
  widget: () => ({ widget: 'flow_state' }),
});
