/**
 * What the reader may do with an existing record, as the record page's RecordActions reads it
 * (`GET …/approvals`), so the edit page offers 提交审批 exactly when the record page does: the form having a
 * flow is not enough (no start permission, already submitted, …). Re-read after each save (rev).
 */
import { useEffect, useState } from 'react';
import { get } from '../api/client';
import type { RecordAction, RecordApprovals } from '../records/types';

const NONE: readonly RecordAction[] = [];

export function useRecordActions(formId: string, recordId?: string, rev?: number): readonly RecordAction[] {
  const [actions, setActions] = useState<readonly RecordAction[]>(NONE);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a save (new rev) may change what is allowed
  useEffect(() => {
    if (!recordId) return;
    let current = true;
    get<RecordApprovals>(
      `/api/forms/${encodeURIComponent(formId)}/records/${encodeURIComponent(recordId)}/approvals`,
    )
      .then((answer) => {
        if (current) setActions(answer.actions);
      })
      // Not knowing means not offering the button; saving still works.
      .catch(() => current && setActions(NONE));
    return () => {
      current = false;
    };
  }, [formId, recordId, rev]);
  return actions;
}
