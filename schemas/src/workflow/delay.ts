import type { JsonSchema } from '../fields/contract';
import { fieldIdSchema } from '../fields/schema-parts';
import type { FormFields } from './form-fields';
import { isObject } from './issues';
import type { NodeBase } from './types';

/** A year: the longest a delay waits, and the furthest before or after a date field it may be set. */
export const DELAY_MAX_MINUTES = 366 * 24 * 60;

/**
 * Waits, then goes on by itself: a fixed time after the flow arrives, or until the time in a date or
 * date-time field of the record (moved by `offsetMinutes`, e.g. -1440 for the day before). A time
 * already past, or an empty field, lets the flow go on at once. The wait survives restarts.
 */
export interface DelayNode extends NodeBase {
  type: 'delay';
  wait: { minutes: number } | { field: string; offsetMinutes?: number };
}

const span = (minimum: number): JsonSchema => ({ type: 'integer', minimum, maximum: DELAY_MAX_MINUTES });

/** The node's own properties in the meta-schema. */
export const delaySchema: Record<string, JsonSchema> = {
  wait: {
    oneOf: [
      {
        type: 'object',
        properties: { minutes: span(1) },
        required: ['minutes'],
        additionalProperties: false,
      },
      {
        type: 'object',
        properties: { field: fieldIdSchema, offsetMinutes: span(-DELAY_MAX_MINUTES) },
        required: ['field'],
        additionalProperties: false,
      },
    ],
  },
};

/** The waited-for field is a date or date-time field of the form. */
export function delayIssues(
  node: DelayNode,
  form: FormFields | undefined,
  say: (message: string, sub?: string) => void,
): void {
  const wait: unknown = node.wait;
  if (!form || !isObject(wait) || typeof wait.field !== 'string') return;
  const problem = form.dateProblem(
    wait.field,
    'pick the date or date-time field to wait for',
    'a delay can only wait for a date or date-time field',
  );
  if (problem) say(problem, '/wait/field');
}
