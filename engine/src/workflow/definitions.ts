import type { WorkflowDefinition, WorkflowIssue } from '@forecourt/schemas';
import type { WorkflowView } from '@forecourt/schemas/api';
import { assertManagesForm } from '../access/catalog';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { DomainError, NotFoundError } from '../errors';
import { formVersion } from '../forms/forms';
import { newId } from '../ids';
import { workflowIssues } from './check';
import { publishedWorkflow } from './published';

/** A form's flow as admins edit it: the draft, and which version new submissions run. */
export type { WorkflowView };

/** The published version an instance runs: immutable, so cached per process by key. */
export interface FlowVersion {
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
}

const versions = new Map<string, WorkflowDefinition>();

function invalid(issues: WorkflowIssue[]): DomainError {
  return new DomainError(
    'validation_failed',
    issues.length === 1 ? 'The flow has a problem.' : `The flow has ${issues.length} problems.`,
    issues.map((i) => ({ path: i.path, message: i.nodeId ? `${i.nodeId}: ${i.message}` : i.message })),
  );
}

export async function getWorkflow(db: Executor, actor: Actor, formId: string): Promise<WorkflowView> {
  const row = await db
    .selectFrom('workflows')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The flow of this form');
  return {
    id: row.id,
    formId: row.form_id,
    draft: row.draft as WorkflowDefinition,
    publishedVersion: row.published_version,
    enabled: row.enabled,
  };
}

/** Saves the draft (checked, but an incomplete graph may be saved: only publishing needs it whole). */
export async function saveWorkflowDraft(
  db: Executor,
  actor: Actor,
  formId: string,
  draft: WorkflowDefinition,
): Promise<WorkflowView> {
  await formVersion(db, actor.workspaceId, formId); // the form must exist and be published
  const issues = await workflowIssues(db, actor.workspaceId, { ...draft, formId }, false);
  if (issues.length) throw invalid(issues);
  const now = new Date();
  await db
    .insertInto('workflows')
    .values({
      id: newId('wfl'),
      workspace_id: actor.workspaceId,
      form_id: formId,
      draft: JSON.stringify({ ...draft, formId }),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('form_id').doUpdateSet({ draft: JSON.stringify({ ...draft, formId }), updated_at: now }),
    )
    .execute();
  return getWorkflow(db, actor, formId);
}

/**
 * Publishes the draft as a new immutable version: new submissions run it, running instances
 * keep theirs. Refused with every problem named (node by node) when the graph is not whole.
 */
export async function publishWorkflow(db: Executor, actor: Actor, formId: string): Promise<WorkflowView> {
  return inTransaction(db, (trx) => publishIn(trx, actor, formId));
}

async function publishIn(db: Executor, actor: Actor, formId: string): Promise<WorkflowView> {
  const row = await db
    .selectFrom('workflows')
    .selectAll()
    .where('workspace_id', '=', actor.workspaceId)
    .where('form_id', '=', formId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('The flow of this form');
  const issues = await workflowIssues(db, actor.workspaceId, row.draft, true);
  if (issues.length) throw invalid(issues);
  await assertReachesOnlyManaged(db, actor, row.draft as WorkflowDefinition);
  const version = (row.published_version ?? 0) + 1;
  await db
    .insertInto('workflow_versions')
    .values({
      workspace_id: actor.workspaceId,
      workflow_id: row.id,
      version,
      definition: JSON.stringify(row.draft),
      published_by: actor.userId,
    })
    .execute();
  await db
    .updateTable('workflows')
    .set({ published_version: version, updated_at: new Date() })
    .where('id', '=', row.id)
    .execute();
  return getWorkflow(db, actor, formId);
}

/** The version new submissions of the form run, or null when the form has no published, enabled flow. */
export async function currentFlow(
  db: Executor,
  workspaceId: string,
  formId: string,
): Promise<FlowVersion | null> {
  const published = await publishedWorkflow(db, workspaceId, formId);
  return published && flowVersion(db, workspaceId, published.id, published.version);
}

export async function flowVersion(
  db: Executor,
  workspaceId: string,
  workflowId: string,
  version: number,
): Promise<FlowVersion> {
  const key = `${workspaceId}/${workflowId}/${version}`;
  let definition = versions.get(key);
  if (!definition) {
    const row = await db
      .selectFrom('workflow_versions')
      .select('definition')
      .where('workspace_id', '=', workspaceId)
      .where('workflow_id', '=', workflowId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`Version ${version} of this flow`);
    definition = row.definition as WorkflowDefinition;
    // Published versions are immutable and only publishing (which never reads here) writes them,
    // so a version read inside a step's transaction is as good to keep as any.
    if (versions.size > 5000) versions.clear();
    versions.set(key, definition);
  }
  return { workflowId, version, definition };
}

/**
 * A flow writes into other forms only where its publisher may build forms: automatic actions run
 * as the system, so an app admin must not reach another app's forms through a "create a record"
 * action or a sub-flow.
 */
async function assertReachesOnlyManaged(db: Executor, actor: Actor, flow: WorkflowDefinition): Promise<void> {
  const form = await formVersion(db, actor.workspaceId, flow.formId);
  for (const [index, node] of flow.nodes.entries()) {
    const targets =
      node.type === 'action'
        ? node.actions.flatMap((a) => (a.kind === 'createRecord' ? [a.formId] : []))
        : node.type === 'subflow'
          ? [String(form.definition.fields.find((f) => f.id === node.relationField)?.target ?? '')]
          : [];
    for (const target of targets) {
      try {
        await assertManagesForm(db, actor, target);
      } catch {
        throw new DomainError('forbidden', 'The flow reaches a form you do not manage.', [
          {
            path: `/nodes/${index}`,
            message: `${node.id}: only admins of ${target}'s app can make a flow write there.`,
          },
        ]);
      }
    }
  }
}
