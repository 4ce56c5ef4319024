import type { WorkflowNode } from '@forecourt/schemas';
import type { InboxBox, InboxCounts, InboxItem, InboxPage } from '@forecourt/schemas/api';
import { sql } from 'kysely';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { ValidationError } from '../errors';
import { flowVersion } from './definitions';
import { recordTitles, taskSight } from './inbox-titles';
import { assertPersonal } from './load';

/** The inbox's answers are the API contract's (schemas/src/api/tasks.ts). */
export type { InboxItem, InboxPage };
export type Box = InboxBox;

const PAGE = 50;

/**
 * A box of the inbox, newest first, keyset-paged: to-do (tasks waiting for me), done (tasks I acted
 * on), initiated (approvals I submitted), CC (copies to me). Optionally one form's only.
 */
export async function inbox(
  db: Executor,
  actor: Actor,
  box: Box,
  options: { formId?: string; limit?: number; cursor?: string } = {},
): Promise<InboxPage> {
  assertPersonal(actor);
  const limit = Math.min(Math.max(options.limit ?? PAGE, 1), 100);
  const after = options.cursor ? decode(options.cursor) : null;
  let query = db
    .selectFrom('flow_instances as i')
    .leftJoin('users as s', 's.id', 'i.submitter_id')
    .where('i.workspace_id', '=', actor.workspaceId);
  if (options.formId) query = query.where('i.form_id', '=', options.formId);
  if (box === 'initiated') {
    const rows = await query
      .select([
        'i.id as instance_id',
        'i.form_id',
        'i.record_id',
        'i.status',
        'i.started_at as at',
        'i.started_at',
        'i.workflow_id',
        'i.version',
        's.id as submitter_id',
        's.name as submitter_name',
      ])
      .where('i.submitter_id', '=', actor.userId)
      .$if(after !== null, (q) =>
        q.where(sql<boolean>`(i.started_at, i.id) < (${after![0]}::timestamptz, ${after![1]})`),
      )
      .orderBy('i.started_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(limit + 1)
      .execute();
    const shown = rows.slice(0, limit);
    const titles = await recordTitles(
      db,
      actor,
      shown.map((r) => ({ formId: r.form_id, recordId: r.record_id, sight: 'own' as const })),
    );
    return page(
      shown.map((r, index) => ({
        taskId: null,
        instanceId: r.instance_id,
        formId: r.form_id,
        recordId: r.record_id,
        nodeId: null,
        nodeLabel: null,
        kind: null,
        taskStatus: null,
        instanceStatus: r.status,
        submitter: r.submitter_id ? { id: r.submitter_id, name: r.submitter_name ?? '' } : null,
        title: titles[index] ?? null,
        submittedAt: r.started_at.toISOString(),
        createdAt: r.at.toISOString(),
        actedAt: null,
        dueAt: null,
      })),
      rows.length > limit,
      (item) => [item.createdAt, item.instanceId],
    );
  }
  const at = box === 'done' ? sql.ref('t.acted_at') : sql.ref('t.created_at');
  let tasks = query
    .innerJoin('flow_tasks as t', 't.instance_id', 'i.id')
    .select([
      't.id as task_id',
      't.node_id',
      't.kind',
      't.status as task_status',
      't.created_at',
      't.acted_at',
      't.due_at',
      'i.id as instance_id',
      'i.form_id',
      'i.record_id',
      'i.status',
      'i.started_at',
      'i.workflow_id',
      'i.version',
      's.id as submitter_id',
      's.name as submitter_name',
    ])
    .select(sql<Date>`${at}`.as('at'));
  if (box === 'todo')
    tasks = tasks
      .where('t.assignee_id', '=', actor.userId)
      .where('t.status', '=', 'pending')
      .where('t.kind', '!=', 'cc');
  if (box === 'cc') tasks = tasks.where('t.assignee_id', '=', actor.userId).where('t.kind', '=', 'cc');
  if (box === 'done')
    tasks = tasks
      .where('t.acted_by', '=', actor.userId)
      .where('t.status', 'in', ['approved', 'rejected', 'returned', 'transferred']);
  if (after) tasks = tasks.where(sql<boolean>`(${at}, t.id) < (${after[0]}::timestamptz, ${after[1]})`);
  const rows = await tasks
    .orderBy(sql`${at}`, 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute();
  const nodes = new Map<string, WorkflowNode | null>();
  const items: InboxItem[] = [];
  const shown = rows.slice(0, limit);
  const nodeOf = (r: (typeof shown)[number]) =>
    nodes.get(`${r.workflow_id}/${r.version}/${r.node_id}`) ?? null;
  for (const r of shown) {
    const key = `${r.workflow_id}/${r.version}/${r.node_id}`;
    if (!nodes.has(key)) {
      const { definition } = await flowVersion(db, actor.workspaceId, r.workflow_id, r.version);
      nodes.set(key, definition.nodes.find((n) => n.id === r.node_id) ?? null);
    }
  }
  const titles = await recordTitles(
    db,
    actor,
    shown.map((r) => ({
      formId: r.form_id,
      recordId: r.record_id,
      sight: taskSight(nodeOf(r), r.kind),
    })),
  );
  for (const [index, r] of shown.entries()) {
    items.push({
      taskId: r.task_id,
      instanceId: r.instance_id,
      formId: r.form_id,
      recordId: r.record_id,
      nodeId: r.node_id,
      nodeLabel: nodeOf(r)?.label ?? null,
      kind: r.kind,
      taskStatus: r.task_status,
      instanceStatus: r.status,
      submitter: r.submitter_id ? { id: r.submitter_id, name: r.submitter_name ?? '' } : null,
      title: titles[index] ?? null,
      submittedAt: r.started_at.toISOString(),
      createdAt: r.created_at.toISOString(),
      actedAt: r.acted_at?.toISOString() ?? null,
      dueAt: r.due_at?.toISOString() ?? null,
    });
  }
  return page(items, rows.length > limit, (item) => [
    box === 'done' ? item.actedAt! : item.createdAt,
    item.taskId!,
  ]);
}

function page(items: InboxItem[], more: boolean, key: (item: InboxItem) => [string, string]): InboxPage {
  const last = items.at(-1);
  return { items, next: more && last ? Buffer.from(JSON.stringify(key(last))).toString('base64url') : null };
}

function decode(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string'
    ) {
      return value as [string, string];
    }
  } catch {}
  throw new ValidationError('The page cursor is not valid.', [
    { path: 'querystring:/cursor', message: 'Use the `next` of the previous page.' },
  ]);
}

/** How many items wait in each box (to-do, unread copies, my running approvals), capped at 999. */
export async function inboxCounts(db: Executor, actor: Actor): Promise<InboxCounts> {
  assertPersonal(actor);
  const count = (q: ReturnType<typeof tasksOf>) =>
    q
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Math.min(r.n, 999));
  const tasksOf = () =>
    db
      .selectFrom('flow_tasks')
      .where('workspace_id', '=', actor.workspaceId)
      .where('assignee_id', '=', actor.userId)
      .where('status', '=', 'pending');
  const [todo, cc, initiated] = await Promise.all([
    count(tasksOf().where('kind', '!=', 'cc')),
    count(tasksOf().where('kind', '=', 'cc')),
    db
      .selectFrom('flow_instances')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('workspace_id', '=', actor.workspaceId)
      .where('submitter_id', '=', actor.userId)
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow()
      .then((r) => Math.min(r.n, 999)),
  ]);
  return { todo, cc, initiated };
}
