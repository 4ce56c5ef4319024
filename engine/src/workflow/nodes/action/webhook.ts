import type { ActionNode } from '@forecourt/schemas';
import type { ClaimedJob, JobContext } from '../../../jobs/registry';
import { OutboundError } from '../../../outbound';
import { flowVersion } from '../../definitions';
import { lockRun } from '../../load';
import { event, type Run, schedule } from '../../run';
import type { WebhookJob } from './perform';

/** A webhook gets this long to answer; well inside the job lease (30 s by default). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** The answer is not used; this much of it is read (more fails the call). */
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

/** What the call phase hands the record phase. */
type Delivery = { delivered: true; status: number } | { delivered: false };

/**
 * The call phase of a `workflow.webhook` job, outside any transaction and without the instance lock:
 * a short read says whether the node still waits for it, then the guarded client calls the URL.
 * Ids only in the body: the receiver reads the record through the API with its own token, so access
 * control decides what it sees. `Idempotency-Key` (and `X-Forecourt-Delivery`, the same value) is
 * the job id: a retry, or a repeat after a crash between the call and its record, carries the same
 * key, so the receiver can ignore what it has already handled.
 */
export async function callWebhook(job: ClaimedJob, { db, outbound }: JobContext): Promise<Delivery> {
  const payload = job.payload as WebhookJob;
  const state = await db
    .selectFrom('flow_node_runs as n')
    .innerJoin('flow_instances as i', 'i.id', 'n.instance_id')
    .select([
      'n.status',
      'i.status as instanceStatus',
      'i.form_id',
      'i.record_id',
      'i.workflow_id',
      'i.version',
    ])
    .where('n.id', '=', payload.nodeRunId)
    .where('i.workspace_id', '=', job.workspaceId)
    .executeTakeFirst();
  if (state?.status !== 'active' || state.instanceStatus !== 'running') return { delivered: false };
  const { definition } = await flowVersion(db, job.workspaceId, state.workflow_id, state.version);
  const node = definition.nodes.find((n) => n.id === payload.nodeId) as ActionNode | undefined;
  const action = node?.actions[payload.index];
  if (action?.kind !== 'webhook') return { delivered: false };
  const response = await outbound.request({
    url: action.url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Forecourt',
      'idempotency-key': job.id,
      'x-forecourt-delivery': job.id,
    },
    body: JSON.stringify({
      event: 'workflow.action',
      instanceId: payload.instanceId,
      formId: state.form_id,
      recordId: state.record_id,
      nodeId: payload.nodeId,
    }),
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    maxResponseBytes: WEBHOOK_MAX_RESPONSE_BYTES,
  });
  if (response.status < 200 || response.status >= 300)
    throw new OutboundError('status', `The webhook answered ${response.status}`, { status: response.status });
  return { delivered: true, status: response.status };
}

/**
 * The record phase, in the transaction that marks the job done: under the instance lock, the
 * timeline says it was delivered and the node's next actions become a job of their own (so a
 * failure after the webhook never calls it again).
 */
export async function recordWebhook(job: ClaimedJob, db: Run['trx'], called?: unknown): Promise<void> {
  const delivery = called as Delivery | undefined;
  if (!delivery?.delivered) return;
  const payload = job.payload as WebhookJob;
  const run = await lockRun(db, job.workspaceId, payload.instanceId, null);
  if (!(await activeNodeRun(run, payload.nodeRunId))) return;
  await event(run, 'action.delivered', {
    nodeId: payload.nodeId,
    details: { index: payload.index, kind: 'webhook', status: delivery.status, deliveryId: job.id },
  });
  await schedule(run, [
    {
      kind: 'workflow.action',
      payload: {
        instanceId: payload.instanceId,
        nodeRunId: payload.nodeRunId,
        nodeId: payload.nodeId,
        from: payload.index + 1,
      },
      dedupKey: `action:${job.id}:after`,
    },
  ]);
}

/** The node run if it is still waiting for its actions (the flow may have ended or moved meanwhile). */
export async function activeNodeRun(run: Run, nodeRunId: string) {
  const current = await run.trx
    .selectFrom('flow_node_runs')
    .select(['id', 'status', 'return_to'])
    .where('id', '=', nodeRunId)
    .where('instance_id', '=', run.instance.id)
    .executeTakeFirst();
  return current?.status === 'active' && run.instance.status === 'running' ? current : undefined;
}
