import type { AutomationRunView } from '@forecourt/schemas/api';
import type { Selectable } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { AutomationRunsTable, Executor } from '../db/schema';

function view(row: Selectable<AutomationRunsTable>): AutomationRunView {
  return {
    id: String(row.id),
    automationId: row.automation_id,
    automationVersion: row.automation_version,
    formId: row.form_id,
    recordId: row.record_id,
    trigger: row.trigger,
    status: row.status,
    depth: row.depth,
    chain: row.chain as AutomationRunView['chain'],
    inputs: row.inputs as AutomationRunView['inputs'],
    results: row.results as AutomationRunView['results'],
    error: row.error as AutomationRunView['error'],
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at.toISOString(),
  };
}

/** Runs newest first, of one automation or for one record (what automations did to it). */
export async function listAutomationRuns(
  db: Executor,
  actor: Actor,
  filter: { automationId: string } | { formId: string; recordId: string },
  limit = 100,
): Promise<AutomationRunView[]> {
  let query = db.selectFrom('automation_runs').selectAll().where('workspace_id', '=', actor.workspaceId);
  query =
    'automationId' in filter
      ? query.where('automation_id', '=', filter.automationId)
      : query.where('form_id', '=', filter.formId).where('record_id', '=', filter.recordId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 500))
    .execute();
  return rows.map(view);
}
