import type { AutomaticAction } from '@forecourt/schemas';
import { evaluate } from '../../../records/compute';
import { writeContext } from '../../../records/context';
import { createRecord, updateRecord } from '../../../records/service';
import { resolveApprovers } from '../../approvers';
import { systemActor } from '../../load';
import { notify, type Run } from '../../run';

/** A `workflow.action` job: the node's actions from `from` on (0 when absent). */
export interface ActionJob {
  instanceId: string;
  nodeRunId: string;
  nodeId: string;
  from?: number;
}

/** A `workflow.webhook` job: the webhook action at `index` of the node. */
export interface WebhookJob {
  instanceId: string;
  nodeRunId: string;
  nodeId: string;
  index: number;
}

/**
 * An action that threw, with where: `index` is the action (or `actions.length` when the flow could
 * not go on after them, e.g. the next node's approvers block). The failure record reads it.
 */
export class ActionError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = cause instanceof Error ? cause.name : 'ActionError';
  }
}

async function values(run: Run, expressions: Record<string, string>): Promise<Record<string, unknown>> {
  const context = writeContext(systemActor(run.instance.workspace_id), 'workflow', run.now);
  const out: Record<string, unknown> = {};
  for (const [field, expression] of Object.entries(expressions)) {
    out[field] = await evaluate(expression, run.data, context, run.form.fields);
  }
  return out;
}

/** One database action of the node: update this record, create one, or notify people. */
export async function perform(
  run: Run,
  action: Exclude<AutomaticAction, { kind: 'webhook' }>,
): Promise<void> {
  const context = writeContext(systemActor(run.instance.workspace_id), 'workflow', run.now);
  switch (action.kind) {
    case 'updateRecord': {
      const record = await run.trx
        .selectFrom('records')
        .select('rev')
        .where('id', '=', run.instance.record_id)
        .executeTakeFirstOrThrow();
      const updated = await updateRecord(run.trx, context, run.instance.form_id, run.instance.record_id, {
        rev: record.rev,
        data: await values(run, action.values),
      });
      run.data = updated.data;
      return;
    }
    case 'createRecord':
      await createRecord(run.trx, context, action.formId, await values(run, action.values));
      return;
    case 'notify': {
      const { userIds } = await resolveApprovers(
        run.trx,
        {
          workspaceId: run.instance.workspace_id,
          submitterId: run.instance.submitter_id,
          formDefinition: run.form,
          data: run.data,
        },
        action.approvers,
      );
      await notify(run, userIds, 'flow.notice', { details: { message: action.message } });
      return;
    }
  }
}
