import { type AutomationDefinition, ExpressionError } from '@forecourt/schemas';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import { formVersion } from '../forms/forms';
import type { ClaimedJob } from '../jobs/registry';
import { type ChainLink, WORKSPACE_TIME_ZONE, type WriteContext } from '../records/context';
import type { RecordEventPayload } from '../records/events';
import { systemActor } from '../workflow/load';
import { type ActionRun, automationActions } from './actions';
import { loopStop } from './chain';
import { automationScope, evaluateIn } from './scope';
import { matchesTrigger } from './trigger';

/** An `automation.run` job: one automation for one record event (enqueue.ts writes it). */
export interface AutomationJob extends RecordEventPayload {
  automationId: string;
  recordId: string;
  event: string;
  eventKey: string;
}

interface ActionResult {
  kind: string;
  /** `undone`: it ran, then a later action failed and took it back with it. */
  status: 'done' | 'undone' | 'failed' | 'skipped';
  result?: Record<string, unknown>;
  error?: RunError;
}

interface RunError {
  code: string;
  message: string;
  params?: Record<string, unknown>;
  details?: unknown;
}

/** Errors an automation's definition or data cause: retrying cannot help, the run log says why. */
function runError(error: unknown): RunError | undefined {
  if (error instanceof DomainError)
    return { code: `automation.action.${error.code}`, message: error.message, details: error.details };
  if (error instanceof ExpressionError)
    return { code: 'automation.expression', message: error.message, params: { reason: error.code } };
  return undefined;
}

/**
 * Runs one automation for one record event, in the job's transaction: its writes commit with the
 * job. The run row is claimed first by the event's unique key, so a repeated delivery (a crash
 * between run and commit, a duplicate job) finds it and does nothing. The trigger and condition
 * are read from the automation as it is now; an event it no longer listens to leaves no run.
 */
export async function runAutomationJob(job: ClaimedJob, trx: Transaction<Database>): Promise<void> {
  const event = job.payload as AutomationJob;
  const automation = await trx
    .selectFrom('automations')
    .selectAll()
    .where('workspace_id', '=', job.workspaceId)
    .where('id', '=', event.automationId)
    .executeTakeFirst();
  if (!automation?.enabled) return;
  const definition = automation.definition as AutomationDefinition;
  if (!matchesTrigger(definition.trigger, event.event, event)) return;
  const record = await trx
    .selectFrom('records')
    .selectAll()
    .where('workspace_id', '=', job.workspaceId)
    .where('id', '=', event.recordId)
    .executeTakeFirst();
  if (!record) return;

  const now = new Date();
  const chain: ChainLink[] = event.chain ?? [];
  const link: ChainLink = { automationId: automation.id, recordId: record.id };
  const fields = (await formVersion(trx, job.workspaceId, record.form_id)).definition.fields;
  const context: WriteContext = {
    actor: systemActor(job.workspaceId),
    via: 'automation',
    now,
    timeZone: WORKSPACE_TIME_ZONE,
    chain: [...chain, link],
  };
  const scope = automationScope(record, fields, event);
  const condition = definition.trigger.condition;
  if (condition) {
    let holds: unknown;
    try {
      holds = await evaluateIn(scope, condition, context);
    } catch (error) {
      const failure = runError(error);
      if (!failure) throw error;
      await logRun(trx, job, automation, event, chain, now, 'failed', [], failure);
      return;
    }
    // A condition that does not hold leaves no run: the event was not for this automation.
    if (!holds) return;
  }

  const claimed = await logRun(trx, job, automation, event, chain, now, 'done', []);
  if (!claimed) return;
  const stop = loopStop(chain, link);
  if (stop) {
    await finish(trx, claimed, 'stopped', [], stop);
    return;
  }

  const run: ActionRun = {
    trx,
    workspaceId: job.workspaceId,
    automationId: automation.id,
    record,
    scope,
    context,
  };
  const results: ActionResult[] = [];
  await sql`savepoint automation_actions`.execute(trx);
  for (const action of definition.actions) {
    try {
      const module = automationActions[action.kind] as {
        perform(run: ActionRun, a: typeof action): Promise<Record<string, unknown>>;
      };
      results.push({ kind: action.kind, status: 'done', result: await module.perform(run, action) });
    } catch (error) {
      const failure = runError(error);
      if (!failure) throw error;
      // All or nothing: the actions before this one are undone with it, the log says what happened.
      await sql`rollback to savepoint automation_actions`.execute(trx);
      for (const earlier of results) earlier.status = 'undone';
      results.push({ kind: action.kind, status: 'failed', error: failure });
      for (const rest of definition.actions.slice(results.length))
        results.push({ kind: rest.kind, status: 'skipped' });
      await finish(trx, claimed, 'failed', results, failure);
      return;
    }
  }
  await sql`release savepoint automation_actions`.execute(trx);
  await finish(trx, claimed, 'done', results);
}

/** Writes the run row, unless this event already has one: answers its id, or undefined. */
async function logRun(
  trx: Transaction<Database>,
  job: ClaimedJob,
  automation: { id: string; version: number; form_id: string },
  event: AutomationJob,
  chain: ChainLink[],
  now: Date,
  status: 'done' | 'failed',
  results: ActionResult[],
  error?: RunError,
): Promise<string | undefined> {
  const row = await trx
    .insertInto('automation_runs')
    .values({
      workspace_id: job.workspaceId,
      automation_id: automation.id,
      automation_version: automation.version,
      form_id: automation.form_id,
      record_id: event.recordId,
      trigger: event.event,
      event_key: event.eventKey,
      status,
      depth: chain.length + 1,
      chain: JSON.stringify(chain),
      inputs: JSON.stringify({
        via: event.via ?? null,
        rev: event.rev ?? null,
        fields: event.fields ?? null,
        previous: event.previous ?? null,
      }),
      results: JSON.stringify(results),
      error: error ? JSON.stringify(error) : null,
      started_at: now,
      ended_at: now,
    })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? String(row.id) : undefined;
}

async function finish(
  trx: Transaction<Database>,
  runId: string,
  status: 'done' | 'failed' | 'stopped',
  results: ActionResult[],
  error?: RunError,
): Promise<void> {
  await trx
    .updateTable('automation_runs')
    .set({
      status,
      results: JSON.stringify(results),
      error: error ? JSON.stringify(error) : null,
      ended_at: new Date(),
    })
    .where('id', '=', runId)
    .execute();
}
