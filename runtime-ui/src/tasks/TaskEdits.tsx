import { Skeleton } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import type { ErrorDetail } from '../api/client';
import type { FormDefinition } from '../api/types';

// The form renderer brings rjsf and the expression module: loaded only for a task with fields to change.
const FormRenderer = lazy(() => import('../form/FormRenderer'));

/**
 * The fields the node lets the approver change (edit / required), in the form renderer; every other
 * field stays in `value` (for formulas) but is not shown here: the read-only card above shows them.
 */
export function TaskEdits({
  definition,
  editable,
  required,
  value,
  onChange,
  errors,
}: {
  definition: FormDefinition;
  editable: readonly string[];
  /** Fields the node makes required (marked so; the server refuses approving without them). */
  required: readonly string[];
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  errors: readonly ErrorDetail[];
}) {
  const hidden = useMemo(
    () => definition.fields.map((f) => f.id).filter((id) => !editable.includes(id)),
    [definition, editable],
  );
  const requiredKey = required.join(',');
  const marked = useMemo(() => {
    const ids = new Set(requiredKey.split(','));
    return {
      ...definition,
      fields: definition.fields.map((f) => (ids.has(f.id) ? { ...f, required: true } : f)),
    };
  }, [definition, requiredKey]);
  return (
    <Suspense fallback={<Skeleton active />}>
      <FormRenderer
        definition={marked}
        value={value}
        onChange={onChange}
        errors={errors}
        hiddenFields={hidden}
      />
    </Suspense>
  );
}

/** The values of the editable fields that differ from the record as the task loaded it: what approve sends. */
export function changedValues(
  editable: readonly string[],
  original: Record<string, unknown>,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const id of editable) {
    if (JSON.stringify(value[id] ?? null) !== JSON.stringify(original[id] ?? null))
      changes[id] = value[id] ?? null;
  }
  return changes;
}
